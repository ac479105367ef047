package extract

import (
	"reflect"
	"strings"
	"testing"
)

// TestDraftFields fails when eventDraft gains a field that draftJSON does
// not carry: Merge would see it zero in every stored report.
func TestDraftFields(t *testing.T) {
	carried := map[string]bool{}
	dj := reflect.TypeOf(draftJSON{})
	for i := range dj.NumField() {
		carried[strings.ToLower(dj.Field(i).Name)] = true
	}
	ed := reflect.TypeOf(eventDraft{})
	for i := range ed.NumField() {
		name := strings.ToLower(ed.Field(i).Name)
		if name == "ev" {
			name = "event"
		}
		if !carried[name] {
			t.Errorf("eventDraft.%s is not in draftJSON (extract/report.go): add it there and bump extract.Version", ed.Field(i).Name)
		}
	}
	if dj.NumField() != ed.NumField() {
		t.Errorf("draftJSON has %d fields, eventDraft %d", dj.NumField(), ed.NumField())
	}
}
