//! Serialising the document model as XML with quick-xml.

use quick_xml::escape::partial_escape;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::model::{Element, Node};

/// Serialises `root` as a complete XML document (declaration, root element,
/// final newline).
#[must_use]
pub fn write_document(root: &Element) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&write(root));
    out.push('\n');
    out
}

/// Serialises one element and its subtree.
///
/// Element-only content is indented by two spaces a level; an element with
/// text children is written on one line as it is, so that no white space is
/// added to or removed from the text.
#[must_use]
pub fn write(root: &Element) -> String {
    let mut writer = Writer::new(Vec::new());
    write_element(&mut writer, root, 0);
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

fn write_element(w: &mut Writer<Vec<u8>>, el: &Element, depth: usize) {
    let mut start = BytesStart::new(el.name.as_str());
    for (k, v) in &el.attrs {
        let value = escape_attr(v);
        start.push_attribute(Attribute::from((k.as_bytes(), value.as_bytes())));
    }
    if el.children.is_empty() {
        emit(w, Event::Empty(start));
        return;
    }
    emit(w, Event::Start(start));
    let indent = !el.has_text();
    for child in &el.children {
        if indent {
            newline(w, depth + 1);
        }
        match child {
            Node::Element(e) => write_element(w, e, if indent { depth + 1 } else { depth }),
            Node::Text(t) => emit(w, Event::Text(BytesText::from_escaped(partial_escape(t)))),
        }
    }
    if indent {
        newline(w, depth);
    }
    emit(w, Event::End(BytesEnd::new(el.name.as_str())));
}

/// Escapes an attribute value: `&`, `<`, `"`, and the white space characters
/// that attribute-value normalisation would otherwise turn into spaces.
fn escape_attr(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn newline(w: &mut Writer<Vec<u8>>, depth: usize) {
    let pad = format!("\n{}", "  ".repeat(depth));
    emit(w, Event::Text(BytesText::from_escaped(pad)));
}

/// Writing into a `Vec` cannot fail.
fn emit(w: &mut Writer<Vec<u8>>, event: Event<'_>) {
    w.write_event(event).expect("writing to a Vec cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_content_is_indented_mixed_content_is_not() {
        let doc = Element::new("div").attr("type", "letter").child(
            Element::new("p")
                .text("A & B ")
                .child(Element::new("lb"))
                .text("<c> 'q' \"d\""),
        );
        assert_eq!(
            write(&doc),
            "<div type=\"letter\">\n  <p>A &amp; B <lb/>&lt;c&gt; 'q' \"d\"</p>\n</div>"
        );
    }

    #[test]
    fn attribute_values_are_escaped() {
        let doc = Element::new("ref").attr("target", "a\"b<c&");
        assert_eq!(write(&doc), "<ref target=\"a&quot;b&lt;c&amp;\"/>");
    }
}
