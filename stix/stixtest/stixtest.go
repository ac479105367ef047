// Package stixtest validates STIX 2.1 bundles against the official JSON
// schemas (github.com/oasis-open/cti-stix2-json-schemas), for tests. The
// schemas are read from a folder the test names (../shared/data in this
// project); nothing here is compiled into the program.
package stixtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"

// Validator checks bundles against the schemas in a folder.
type Validator struct {
	c       *jsonschema.Compiler
	bundle  *jsonschema.Schema
	objects map[string]*jsonschema.Schema
}

// New compiles the schemas under dir (the repository's schemas/ folder),
// formats asserted.
func New(dir string) (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		rel, _ := filepath.Rel(dir, path)
		return c.AddResource(base+filepath.ToSlash(rel), doc)
	})
	if err != nil {
		return nil, err
	}
	v := &Validator{c: c, objects: map[string]*jsonschema.Schema{}}
	if v.bundle, err = c.Compile(base + "common/bundle.json"); err != nil {
		return nil, err
	}
	return v, nil
}

// listed are the object types bundle.json names in its list of objects.
// It leaves out location, note, grouping, opinion, incident and the
// language-content/extension-definition objects: those fall into its
// custom-object branch, whose oneOf of core.json and
// cyber-observable-core.json they both satisfy, so that no bundle holding
// a location or a note could pass bundle.json as published.
var listed = map[string]bool{"attack-pattern": true, "campaign": true, "course-of-action": true, "identity": true,
	"indicator": true, "infrastructure": true, "intrusion-set": true, "malware": true, "malware-analysis": true,
	"observed-data": true, "relationship": true, "report": true, "sighting": true, "threat-actor": true, "tool": true,
	"vulnerability": true, "marking-definition": true}

// Validate checks a bundle: the envelope and the objects of the types
// bundle.json lists against bundle.json, then every object against the
// schema of its own type (sdos/, sros/, common/), which is what holds the
// types bundle.json leaves out.
func (v *Validator) Validate(raw []byte) error {
	var b map[string]json.RawMessage
	if err := json.Unmarshal(raw, &b); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	var objects []json.RawMessage
	if err := json.Unmarshal(b["objects"], &objects); err != nil {
		return fmt.Errorf("objects: %w", err)
	}
	var kept []json.RawMessage
	for i, o := range objects {
		var head struct{ Type, ID string }
		if err := json.Unmarshal(o, &head); err != nil {
			return fmt.Errorf("object %d: %w", i, err)
		}
		if listed[head.Type] {
			kept = append(kept, o)
		}
		sch, err := v.schema(head.Type)
		if err != nil {
			return err
		}
		if sch == nil {
			return fmt.Errorf("object %d (%s): no schema for type %q", i, head.ID, head.Type)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(o))
		if err != nil {
			return err
		}
		if err := sch.Validate(inst); err != nil {
			return fmt.Errorf("object %d (%s): %w", i, head.ID, err)
		}
	}
	if len(objects) > 0 && len(kept) == 0 {
		kept = objects[:1] // the envelope needs one object; it was checked above
	}
	envelope := map[string]any{}
	for k, v := range b {
		envelope[k] = v
	}
	envelope["objects"] = kept
	env, err := json.Marshal(envelope)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(env))
	if err != nil {
		return err
	}
	if err := v.bundle.Validate(inst); err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	return nil
}

func (v *Validator) schema(typ string) (*jsonschema.Schema, error) {
	if s, ok := v.objects[typ]; ok {
		return s, nil
	}
	var s *jsonschema.Schema
	for _, dir := range []string{"sdos", "sros", "common", "observables"} {
		if sch, err := v.c.Compile(base + dir + "/" + typ + ".json"); err == nil {
			s = sch
			break
		}
	}
	v.objects[typ] = s
	return s, nil
}
