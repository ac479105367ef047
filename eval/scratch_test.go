package eval

import (
	"fmt"
	"os"
	"testing"

	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
	"github.com/dossier-osint/dossier/tagger"
)

func TestScratchMiss(t *testing.T) {
	src := os.Getenv("SRC")
	docs, _ := ReadRe3d("../../shared/data/re3d/" + src)
	docs = NamesOnly(docs)
	data, _ := os.ReadFile("/tmp/cv/ner-" + src + ".bin")
	m, _ := tagger.Load(data)
	sys := Product("p", ner.NewWithModel(lexicon.MustLoad(), m), Re3dProduct)
	missed, wrong := map[string]int{}, map[string]int{}
	for _, d := range docs {
		pred := sys.Find(&d)
		text := []rune(d.Text)
		counts := map[string]*Count{}
		for _, t := range Re3dTypes { counts[t] = &Count{} }
		gold := normalize(text, d.Gold, counts)
		pred = normalize(text, pred, counts)
		for _, g := range gold {
			found := ""
			for _, p := range pred {
				if p.Start == g.Start && p.End == g.End && p.Type == g.Type { found = "ok" }
			}
			if found == "" {
				desc := "none"
				for _, p := range pred {
					if p.Start < g.End && g.Start < p.End { desc = fmt.Sprintf("%s/%s", string(text[p.Start:p.End]), p.Type) }
				}
				missed[fmt.Sprintf("%s/%s <- %s", string(text[g.Start:g.End]), g.Type, desc)]++
			}
		}
		for _, p := range pred {
			ok := false
			for _, g := range gold {
				if p.Start == g.Start && p.End == g.End && p.Type == g.Type { ok = true }
			}
			if !ok { wrong[fmt.Sprintf("%s/%s", string(text[p.Start:p.End]), p.Type)]++ }
		}
	}
	fmt.Println("MISSED")
	for k, v := range missed { fmt.Printf("%d %s\n", v, k) }
	fmt.Println("WRONG")
	for k, v := range wrong { fmt.Printf("%d %s\n", v, k) }
}
