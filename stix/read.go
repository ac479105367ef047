package stix

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dossier-osint/dossier"
)

// MaxSize is the largest bundle Read accepts. OpenCTI exports of a whole
// platform run to hundreds of MB; reference imports are far smaller.
const MaxSize = 512 << 20

// Read parses a STIX 2.1 bundle and returns its threat actors, intrusion
// sets, identities and locations as reference entities, each with its
// aliases (aliases, or OpenCTI's x_opencti_aliases) and its STIX id as
// external id. source names the bundle in Reference.Source ("stix:" +
// source). Intrusion sets and group threat actors are armed groups;
// individual threat actors and individual identities are people; other
// identities are organisations, except sectors (identity class "class")
// and systems, which name no actor. Objects of other types, revoked
// objects and objects without a name are skipped. Anything that is not a
// bundle is an EINVALID error.
func Read(r io.Reader, source string) ([]*dossier.Reference, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, dossier.Errorf(dossier.EINVALID, "larger than %d MB: not read as a STIX bundle", MaxSize>>20)
	}
	var b struct {
		Type    string            `json:"type"`
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "not a STIX bundle: %v", err)
	}
	if b.Type != "bundle" {
		return nil, dossier.Errorf(dossier.EINVALID, "not a STIX bundle: type is %q, want \"bundle\"", b.Type)
	}
	var out []*dossier.Reference
	seen := map[string]bool{}
	for i, raw := range b.Objects {
		var o readObject
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, dossier.Errorf(dossier.EINVALID, "STIX bundle: object %d: %v", i, err)
		}
		typ, ok := referenceType(&o)
		name := strings.TrimSpace(o.Name)
		if !ok || o.Revoked || name == "" || o.ID == "" || seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		ref := &dossier.Reference{ID: "stix:" + o.ID, Type: typ, Name: name, Source: "stix:" + source,
			ExternalID: o.ID, Description: o.Description}
		have := map[string]bool{strings.ToLower(name): true}
		for _, a := range append(append([]string(nil), o.Aliases...), o.OpenCTIAliases...) {
			a = strings.TrimSpace(a)
			if k := strings.ToLower(a); a != "" && !have[k] && len([]rune(a)) <= 200 {
				have[k] = true
				ref.Aliases = append(ref.Aliases, a)
			}
		}
		out = append(out, ref)
	}
	if len(out) == 0 {
		return nil, dossier.Errorf(dossier.EINVALID, "STIX bundle has no named threat actor, intrusion set, identity or location")
	}
	return out, nil
}

// readObject is the part of a STIX object Read uses; other properties,
// whatever their shape, are not decoded.
type readObject struct {
	Type           string   `json:"type"`
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Description    string   `json:"description"`
	Aliases        []string `json:"aliases"`
	OpenCTIAliases []string `json:"x_opencti_aliases"`
	ResourceLevel  string   `json:"resource_level"`
	OpenCTIType    string   `json:"x_opencti_type"`
	IdentityClass  string   `json:"identity_class"`
	Revoked        bool     `json:"revoked"`
}

// referenceType says what kind of entity a STIX object names, if any.
func referenceType(o *readObject) (dossier.EntityType, bool) {
	individual := o.ResourceLevel == "individual" || strings.EqualFold(o.OpenCTIType, "Threat-Actor-Individual")
	switch o.Type {
	case "intrusion-set", "threat-actor-group":
		return dossier.Group, true
	case "threat-actor-individual":
		return dossier.Person, true
	case "threat-actor":
		if individual {
			return dossier.Person, true
		}
		return dossier.Group, true
	case "identity":
		switch o.IdentityClass {
		case "individual":
			return dossier.Person, true
		case "class", "system":
			return "", false
		}
		return dossier.Organization, true
	case "location":
		return dossier.Place, true
	}
	return "", false
}

// Describe is a one-line account of what Read found, for the CLI.
func Describe(refs []*dossier.Reference) string {
	count := map[dossier.EntityType]int{}
	aliases := 0
	for _, r := range refs {
		count[r.Type]++
		aliases += len(r.Aliases)
	}
	return fmt.Sprintf("%d groups, %d people, %d organisations, %d places with %d aliases",
		count[dossier.Group], count[dossier.Person], count[dossier.Organization], count[dossier.Place], aliases)
}
