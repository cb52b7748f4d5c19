//! The RELAX NG compact syntax (`.rnc`), read into the equivalent XML syntax.
