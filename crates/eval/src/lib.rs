//! Evaluation against human-annotated data sets (PLOVER GSR, ConfliBERT, TimeML, TR-News)
