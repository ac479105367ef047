package http

import (
	"context"
	"os"
	"os/signal"
	"testing"

	"github.com/dossier-osint/dossier"
)

// TestDevServe serves the shared fixture until interrupted, for looking at
// pages by hand: DOSSIER_DEV_SERVE=127.0.0.1:8099 go test ./http -run TestDevServe
func TestDevServe(t *testing.T) {
	addr := os.Getenv("DOSSIER_DEV_SERVE")
	if addr == "" {
		t.Skip("set DOSSIER_DEV_SERVE=host:port to serve the test fixture by hand")
	}
	// DOSSIER_DEV_REAL=1 shows what the pipeline really extracts, without
	// the hand-made test facts.
	var st dossier.Store = newCorpusDB(t, nil)
	if os.Getenv("DOSSIER_DEV_REAL") == "" {
		st, _ = sharedStore(t)
	}
	s := serve(t, st, func(s *Server) { s.Addr = addr })
	t.Log("serving on", s.URL())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	<-ctx.Done()
}
