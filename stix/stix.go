// Package stix writes what the store holds as a STIX 2.1 bundle and reads
// STIX 2.1 bundles (an OpenCTI export, say) as reference entities, so that
// dossier's findings flow into threat-intelligence platforms and their
// knowledge flows back.
//
// Mapping (Write):
//   - armed groups: threat-actor, with threat_actor_types ["terrorist"]
//     when the documents make it apt (the group perpetrated or claimed an
//     attack or plot, or a relation says it was designated);
//   - people: threat-actor with resource_level "individual" when they act
//     for a group (leader, deputy, spokesperson, member, founder) or
//     perpetrated an event, identity (individual) otherwise;
//   - organisations: identity (organization);
//   - places and facilities: location, with latitude/longitude, ISO
//     country code and administrative area when geocoded, a STIX region
//     for the few region names of the region vocabulary; a place with
//     neither cannot be a valid STIX location and is left out;
//   - events: report (published: the earliest source's date) whose
//     object_refs are the actors, the place and the quotes; every figure
//     per source, with the summary by reconcile's stated rule, in custom
//     x_dossier_* properties; a perpetrator-targets-target relationship
//     per event;
//   - relations: relationship, with standard types where STIX has them
//     (operates_in → located-at) and custom ones otherwise (leader_of →
//     leader-of), start_time/stop_time from the relation's span;
//   - attributes (founding dates, sizes) and the quotes behind every fact:
//     note objects whose content is the verbatim quote.
//
// Every object carries external_references to its source documents (with
// the document's SHA-256) and a confidence by a stated rule (Confidence).
// IDs are UUIDv5 over the object's identifying properties, and created /
// modified come from the sources' publication dates, so exporting the same
// database twice gives the same bytes and re-importing into OpenCTI
// updates objects instead of duplicating them.
package stix

import (
	"strings"
	"time"

	"github.com/google/uuid"
)

// Namespace is the UUIDv5 namespace of dossier's STIX identifiers.
var Namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/dossier-osint/dossier/stix"))

// ID returns the deterministic STIX identifier of an object of type typ
// identified by parts.
func ID(typ string, parts ...string) string {
	return typ + "--" + uuid.NewSHA1(Namespace, []byte(typ+"\x00"+strings.Join(parts, "\x00"))).String()
}

// Object is a STIX 2.1 object: the union of the properties dossier writes
// and reads. Empty properties are left out, as STIX forbids nulls and
// empty lists.
type Object struct {
	Type               string              `json:"type"`
	SpecVersion        string              `json:"spec_version,omitempty"`
	ID                 string              `json:"id"`
	CreatedByRef       string              `json:"created_by_ref,omitempty"`
	Created            string              `json:"created,omitempty"`
	Modified           string              `json:"modified,omitempty"`
	Name               string              `json:"name,omitempty"`
	Description        string              `json:"description,omitempty"`
	Confidence         int                 `json:"confidence,omitempty"`
	Labels             []string            `json:"labels,omitempty"`
	ExternalReferences []ExternalReference `json:"external_references,omitempty"`

	// threat-actor, intrusion-set
	ThreatActorTypes []string `json:"threat_actor_types,omitempty"`
	Aliases          []string `json:"aliases,omitempty"`
	Roles            []string `json:"roles,omitempty"`
	FirstSeen        string   `json:"first_seen,omitempty"`
	LastSeen         string   `json:"last_seen,omitempty"`
	ResourceLevel    string   `json:"resource_level,omitempty"`

	// identity
	IdentityClass string `json:"identity_class,omitempty"`

	// location
	Latitude           *float64 `json:"latitude,omitempty"`
	Longitude          *float64 `json:"longitude,omitempty"`
	Region             string   `json:"region,omitempty"`
	Country            string   `json:"country,omitempty"`
	AdministrativeArea string   `json:"administrative_area,omitempty"`

	// report, grouping, note
	ReportTypes []string `json:"report_types,omitempty"`
	Published   string   `json:"published,omitempty"`
	Abstract    string   `json:"abstract,omitempty"`
	Content     string   `json:"content,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	ObjectRefs  []string `json:"object_refs,omitempty"`

	// relationship
	RelationshipType string `json:"relationship_type,omitempty"`
	SourceRef        string `json:"source_ref,omitempty"`
	TargetRef        string `json:"target_ref,omitempty"`
	StartTime        string `json:"start_time,omitempty"`
	StopTime         string `json:"stop_time,omitempty"`

	// Aliases of identities and locations, as OpenCTI writes them (STIX
	// 2.1 has no aliases property on those types).
	OpenCTIAliases []string `json:"x_opencti_aliases,omitempty"`
	// OpenCTI's finer type ("Threat-Actor-Individual", "Country", ...).
	OpenCTIType string `json:"x_opencti_type,omitempty"`

	// dossier's own properties.
	DossierID         string            `json:"x_dossier_id,omitempty"`
	DossierType       string            `json:"x_dossier_type,omitempty"`
	DossierSubtype    string            `json:"x_dossier_subtype,omitempty"`
	DossierDate       string            `json:"x_dossier_date,omitempty"`
	DossierTargetType string            `json:"x_dossier_target_type,omitempty"`
	DossierClaimedVia string            `json:"x_dossier_claimed_via,omitempty"`
	DossierFigures    map[string]Figure `json:"x_dossier_figures,omitempty"`
	DossierContested  []string          `json:"x_dossier_contested,omitempty"`
	DossierDocument   string            `json:"x_dossier_document,omitempty"`
	DossierStart      *int              `json:"x_dossier_start,omitempty"`
	DossierEnd        *int              `json:"x_dossier_end,omitempty"`
	DossierStartDate  string            `json:"x_dossier_start_date,omitempty"`
	DossierEndDate    string            `json:"x_dossier_end_date,omitempty"`
}

// ExternalReference points at a source document.
type ExternalReference struct {
	SourceName  string            `json:"source_name"`
	Description string            `json:"description,omitempty"`
	URL         string            `json:"url,omitempty"`
	ExternalID  string            `json:"external_id,omitempty"`
	Hashes      map[string]string `json:"hashes,omitempty"`
}

// Figure is a count of an event (killed, injured, arrested): each source's
// figure and the summary by reconcile's stated rule. Max is absent for an
// open figure ("more than 100").
type Figure struct {
	Min       int      `json:"min"`
	Max       *int     `json:"max,omitempty"`
	Rule      string   `json:"rule"`
	Contested bool     `json:"contested"`
	Sources   []Source `json:"sources"`
}

// Source is one document's figure.
type Source struct {
	Document string `json:"document"`
	Min      int    `json:"min"`
	Max      *int   `json:"max,omitempty"`
}

// Bundle is a STIX 2.1 bundle as read.
type Bundle struct {
	Type    string   `json:"type"`
	ID      string   `json:"id"`
	Objects []Object `json:"objects"`
}

// Timestamp formats t as STIX wants it: UTC, millisecond precision.
func Timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// dateStart and dateEnd are the first and last instant of a date at any
// precision ("2021", "2021-08", "2021-08-26"); ok is false for anything
// else.
func dateStart(d string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(d) == len(layout) {
			t, err := time.Parse(layout, d)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

func dateEnd(d string) (time.Time, bool) {
	t, ok := dateStart(d)
	if !ok {
		return t, false
	}
	switch len(d) {
	case 4:
		t = t.AddDate(1, 0, 0)
	case 7:
		t = t.AddDate(0, 1, 0)
	default:
		t = t.AddDate(0, 0, 1)
	}
	return t.Add(-time.Millisecond), true
}

// Confidence levels, on STIX's None/Low/Med/High scale (STIX 2.1 appendix
// "Confidence Scales").
const (
	Low  = 15
	Med  = 50
	High = 85
)

// Confidence is the confidence of a fact or entity from how many documents
// report it and whether their figures conflict: one document Med, two or
// more High, and Low whatever the count when the sources' figures cannot
// all be right.
func Confidence(documents int, contested bool) int {
	switch {
	case contested:
		return Low
	case documents >= 2:
		return High
	default:
		return Med
	}
}
