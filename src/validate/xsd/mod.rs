//! The XML Schema Part 2 datatypes used by RELAX NG schemas: lexical
//! spaces, value spaces and equality, facets, and XSD regular expressions.
