//! Clause stage: clause boundaries, relative and reported clauses, coordination
