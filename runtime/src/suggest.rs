//! Names a file has, ordered for an error message about a name it lacks: the closest first.

use std::borrow::ToOwned;
use std::string::String;
use std::vec::Vec;

/// `names`, the most similar to `wanted` first (edit distance, then the given order).
pub(crate) fn closest_first<'a>(names: impl Iterator<Item = &'a str>, wanted: &str) -> Vec<String> {
    let mut ranked: Vec<(usize, usize, &str)> = names
        .enumerate()
        .map(|(order, name)| (edit_distance(name, wanted), order, name))
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .map(|(_, _, name)| name.to_owned())
        .collect()
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_closest_first() {
        let names = ["fc2.weight", "fc1.bias", "fc1.weight", "embed"];
        assert_eq!(
            closest_first(names.into_iter(), "fc1.weigth"),
            ["fc1.weight", "fc2.weight", "fc1.bias", "embed"]
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
