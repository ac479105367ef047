package stix

import (
	"bytes"
	"testing"
)

// FuzzRead: any bytes give references with an ID, a name and a valid type,
// or an error; never a panic.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"type":"bundle","id":"bundle--1","objects":[{"type":"intrusion-set","id":"intrusion-set--1","name":"IS-K","aliases":["ISKP"]},{"type":"location","id":"location--1","name":"Kabul","latitude":34.5,"longitude":69.2}]}`))
	f.Add([]byte(`{"type":"bundle","objects":[{"type":"threat-actor","name":""}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		refs, err := Read(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			return
		}
		for _, r := range refs {
			if r.ID == "" || r.Name == "" || !r.Type.Valid() {
				t.Fatalf("bad reference %+v", r)
			}
		}
	})
}
