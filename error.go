package dossier

import (
	"errors"
	"fmt"
)

// Error codes: the whole vocabulary. The CLI maps them to exit codes and
// messages, the HTTP server to statuses, each in one table.
const (
	EINVALID  = "invalid"   // the input is wrong: bad file, bad flag, bad JSON
	ENOTFOUND = "not_found" // no such document or entity
	ECONFLICT = "conflict"  // the request contradicts what is stored
	EINTERNAL = "internal"  // a bug or an environment failure
)

// Error is a domain error: a code from the vocabulary above and a message
// meant for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain; other errors get a generic message, since their text may hold
// internals.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
