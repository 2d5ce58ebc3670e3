//! Actor mentions: country, organisation, person and role-noun dictionaries compiled to automata
