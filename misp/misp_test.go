package misp

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
)

func TestSummaryAliases(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"n/a", "N/A", nil},
		{"list with acronyms and 'and'", "Islamic State Khorasan, ISIL Khorasan (ISIL-K); and Wilayat Khorasan.",
			[]string{"Islamic State Khorasan", "ISIL-K", "ISIL Khorasan", "Wilayat Khorasan"}},
		{"leading 'the'", "The Abdullah Azzam Brigades; the Brigades of Abdullah Azzam",
			[]string{"Abdullah Azzam Brigades", "Brigades of Abdullah Azzam"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SummaryAliases(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReadTerroristGroups(t *testing.T) {
	f, err := os.Open("../../shared/data/misp-galaxy/terrorist-groups.json")
	if os.IsNotExist(err) {
		t.Skip("../shared/data is not here")
	} else if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	refs, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) < 50 {
		t.Fatalf("read %d entries", len(refs))
	}
	var iskp *dossier.Reference
	for _, r := range refs {
		if r.Type != dossier.Group || !strings.HasPrefix(r.ID, "misp:") || r.Source != "misp-galaxy:canada-listed-terrorist-entities" {
			t.Errorf("entry %s: type %s, source %s", r.ID, r.Type, r.Source)
		}
		if r.Name == "Islamic State Khorasan Province" {
			iskp = r
		}
	}
	if iskp == nil {
		t.Fatal("no Islamic State Khorasan Province")
	}
	for _, want := range []string{"Islamic State Khorasan", "ISIS-K", "ISIL-K", "Wilayat Khorasan"} {
		found := false
		for _, a := range iskp.Aliases {
			found = found || a == want
		}
		if !found {
			t.Errorf("ISKP aliases lack %q: %q", want, iskp.Aliases)
		}
	}
}

func TestReadBad(t *testing.T) {
	for _, in := range []string{"", "{", `{"values": []}`, `[1,2]`, `{"type": "x", "values": [{"value": ""}]}`} {
		if _, err := Read(strings.NewReader(in)); dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("Read(%q): %v, want EINVALID", in, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"type":"t","category":"threat-actor","values":[{"value":"A (AA)","uuid":"u","meta":{"summary":"B, C (CC); and D."}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		refs, err := Read(bytes.NewReader(data))
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
