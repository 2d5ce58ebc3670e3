//! Time mentions: recognition and TIMEX3 normalisation of time expressions
