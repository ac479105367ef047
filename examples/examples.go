// Package examples embeds the demo corpus: five real articles (2021 and
// 2024) about Islamic State-Khorasan, as plain-text dumps of the web pages,
// boilerplate included. They are quoted here for the demo and the tests;
// copyright stays with their publishers.
package examples

import "embed"

// ISK holds isk/*.txt.
//
//go:embed isk/*.txt
var ISK embed.FS
