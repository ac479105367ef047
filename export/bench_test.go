package export_test

import (
	"context"
	"io"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/export"
	"github.com/dossier-osint/dossier/export/exporttest"
	"github.com/dossier-osint/dossier/stix"
)

// countingWriter counts the bytes an export writes.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkExport10k exports a SQLite store of 10,000 synthetic events in
// every format, reading from the store each time (as the command does):
//
//	go test ./export -run '^$' -bench Export10k -benchmem
func BenchmarkExport10k(b *testing.B) {
	const events = 10000
	fx := exporttest.New(b)
	exporttest.Synthetic(fx, events)
	store := fx.Store()
	ctx := context.Background()
	formats := []struct {
		name  string
		write func(io.Writer, dossier.Store) error
	}{
		{"json", func(w io.Writer, s dossier.Store) error { return export.JSON(ctx, w, s, export.Options{}) }},
		{"stix", func(w io.Writer, s dossier.Store) error { return stix.Write(ctx, w, s) }},
		{"csv", func(w io.Writer, s dossier.Store) error { return export.CSV(ctx, w, s, export.EventsTable, nil) }},
		{"geojson", func(w io.Writer, s dossier.Store) error { return export.GeoJSON(ctx, w, s) }},
		{"graphml", func(w io.Writer, s dossier.Store) error { return export.GraphML(ctx, w, s) }},
		{"csv-filtered", func(w io.Writer, s dossier.Store) error {
			v, err := export.Filter{Actors: []string{"Front 3"}, From: "2016", To: "2019"}.View(ctx, s)
			if err != nil {
				return err
			}
			return export.CSV(ctx, w, v, export.EventsTable, nil)
		}},
	}
	for _, f := range formats {
		b.Run(f.name, func(b *testing.B) {
			var cw countingWriter
			for b.Loop() {
				cw.n = 0
				if err := f.write(&cw, store); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(cw.n)
			b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
