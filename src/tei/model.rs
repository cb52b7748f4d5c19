//! An ordered tree of TEI elements, attributes and text.

/// A node of the tree: an element or a run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Character data (escaped on output).
    Text(String),
}

/// An element with its attributes in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The qualified name, such as `persName` or `xml:id` for attributes.
    pub name: String,
    /// Attributes, in output order.
    pub attrs: Vec<(String, String)>,
    /// Children, in document order.
    pub children: Vec<Node>,
}

impl Element {
    /// A new element with no attributes or children.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Adds an attribute (builder style).
    #[must_use]
    pub fn attr(mut self, name: &str, value: impl Into<String>) -> Self {
        self.attrs.push((name.to_owned(), value.into()));
        self
    }

    /// Adds a child element (builder style).
    #[must_use]
    pub fn child(mut self, child: Element) -> Self {
        self.children.push(Node::Element(child));
        self
    }

    /// Adds a text child (builder style); empty text is not added.
    #[must_use]
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.push_text(text);
        self
    }

    /// Appends a child element.
    pub fn push(&mut self, child: Element) {
        self.children.push(Node::Element(child));
    }

    /// Appends text, merging it with a preceding text node; empty text is ignored.
    pub fn push_text(&mut self, text: impl Into<String>) {
        let text = text.into();
        if text.is_empty() {
            return;
        }
        if let Some(Node::Text(last)) = self.children.last_mut() {
            last.push_str(&text);
        } else {
            self.children.push(Node::Text(text));
        }
    }

    /// The value of an attribute, if present.
    #[must_use]
    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first descendant-or-self element with this name, depth first.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name))
    }

    /// The concatenated text of this element and its descendants.
    #[must_use]
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// Whether the element has text children (mixed content).
    #[must_use]
    pub fn has_text(&self) -> bool {
        self.children.iter().any(|n| matches!(n, Node::Text(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_merged_and_collected() {
        let mut p = Element::new("p").text("a");
        p.push_text("b");
        p.push_text("");
        p.push(Element::new("persName").text("C"));
        assert_eq!(p.children.len(), 2);
        assert_eq!(p.text_content(), "abC");
        assert_eq!(p.find("persName").unwrap().text_content(), "C");
    }
}
