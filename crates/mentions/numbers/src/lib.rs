//! Number mentions: figures and number words with qualifiers
