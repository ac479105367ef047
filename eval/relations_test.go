package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/extract"
	"github.com/dossier-osint/dossier/lexicon"
)

func TestRelationMapping(t *testing.T) {
	maps := []struct{ typ, src, tgt, want string }{
		{"InChargeOf", "Person", "Organisation", extract.LeaderOf},
		{"InChargeOf", "Organisation", "Location", ""},
		{"BelongsTo", "Person", "Organisation", extract.MemberOf},
		{"BelongsTo", "Organisation", "Organisation", extract.AffiliateOf},
		{"FightingAgainst", "Organisation", "Organisation", extract.RivalOf},
		{"FightingAgainst", "Organisation", "Location", ""},
		{"AlliesOf", "Organisation", "Organisation", extract.AlliedWith},
		{"CoLocated", "Organisation", "Location", extract.OperatesIn},
		{"CoLocated", "Person", "Location", ""},
		{"HasAttrOf", "Organisation", "Organisation", ""},
	}
	for _, m := range maps {
		if got := re3dMapping(m.typ, m.src, m.tgt); got != m.want {
			t.Errorf("re3dMapping(%s, %s, %s) = %q, want %q", m.typ, m.src, m.tgt, got, m.want)
		}
	}
	lex := lexicon.MustLoad()
	types := []struct {
		typ, text string
		want      dossier.EntityType
	}{
		{"Organisation", "ISIL", dossier.Group},
		{"Organisation", "Daesh", dossier.Group},
		{"Organisation", "ISIL terrorists", dossier.Group},
		{"Organisation", "the Syrian Democratic Forces", dossier.Group},
		{"Organisation", "the Government of Iraq", dossier.Organization},
		{"Organisation", "Coalition military forces", dossier.Organization},
		{"Organisation", "Parisian bakers", dossier.Organization}, // "isi" inside a word is not ISIL
		{"Person", "Abu Jandal", dossier.Person},
		{"Location", "Mosul", dossier.Place},
		{"Nationality", "Iraqi", dossier.Nationality},
	}
	for _, tt := range types {
		if got := re3dEntityType(lex, tt.typ, tt.text); got != tt.want {
			t.Errorf("re3dEntityType(%s, %q) = %s, want %s", tt.typ, tt.text, got, tt.want)
		}
	}
	if !inScope(extract.RivalOf, dossier.Organization, dossier.Group) || inScope(extract.RivalOf, dossier.Organization, dossier.Organization) {
		t.Error("rival_of scope: want one armed group among two actors")
	}
	if productScored(extract.SpokespersonOf) != extract.MemberOf || productScored(extract.FoundedBy) != "" {
		t.Error("productScored: spokesperson_of is scored as member_of, founded_by not at all")
	}
}

// TestRelations scores the relation patterns on re3d's gold names and
// prints the table: go test ./eval -run Relations -v
func TestRelations(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "data", "re3d")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("no re3d data at %s", root)
	}
	rep, err := Re3dRelations(root)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteRelationTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if testing.Verbose() && os.Getenv("RELATION_ERRORS") != "" {
		for _, e := range rep.Errors {
			t.Logf("%s %s: %q → %q\n    %s", e.Kind, e.Predicate, e.Subject, e.Object, e.Sentence)
		}
	}
	// Loose floors, set below the figures measured when this was written
	// (see the report in the package's history): they catch a pattern set
	// that stopped working, not a small change.
	o := rep.Overall()
	p, _, f, rs := o.PRF()
	if o.Gold < 100 {
		t.Errorf("only %d gold relations mapped; the reader or the mapping broke", o.Gold)
	}
	if p < floorP || f < floorF || rs < floorRScope {
		t.Errorf("overall P %.3f F1 %.3f R in scope %.3f, below the floors %.2f %.2f %.2f", p, f, rs, floorP, floorF, floorRScope)
	}
}

// Measured when written: P 0.831, F1 0.260, recall in scope 0.308.
const floorP, floorF, floorRScope = 0.60, 0.18, 0.20
