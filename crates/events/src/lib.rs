//! Event stage: trigger dictionary, who-did-what-to-whom coding, CAMEO/PLOVER tables and the event record
