//! The whole pipeline: loads every stage once and codes documents
