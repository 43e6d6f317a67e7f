//! A request's query string as its pairs, decoded leniently and kept in order, so that a
//! name given more than once (`tag=a&tag=b`) keeps every value.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryPairs(Vec<(String, String)>);

impl QueryPairs {
    pub fn parse(query: &str) -> QueryPairs {
        QueryPairs(form_urlencoded::parse(query.as_bytes()).into_owned().collect())
    }

    /// The value of `name`; where it is repeated, the last one.
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(key, _)| key == name).map(|(_, value)| value.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_keep_every_value_and_the_last_wins_alone() {
        let pairs = QueryPairs::parse("tag=a&page=2&tag=b%20c&page=3&q");
        assert_eq!(pairs.all("tag"), vec!["a", "b c"]);
        assert_eq!(pairs.get("page").map(String::as_str), Some("3"));
        assert_eq!(pairs.get("q").map(String::as_str), Some(""));
        assert_eq!(pairs.get("mine"), None);
        assert!(pairs.all("mine").is_empty());
    }
}
