package extract

// attributes finds attributes of the entities of one sentence.
func attributes(s *sentence, r *Report) {}
