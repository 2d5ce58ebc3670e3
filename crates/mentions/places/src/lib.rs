//! Place mentions: built-in GeoNames gazetteer and toponym resolution
