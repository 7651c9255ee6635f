//! Names a file has, ordered for an error message about a name it lacks: the closest first.

use std::borrow::ToOwned;
use std::string::String;
use std::vec;
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

/// Edit distance over chars where swapping two neighbours is one edit, as a typo is
/// (`f23` is one edit from `f32`, two from `f64`): Levenshtein plus adjacent transpositions,
/// each substring edited once (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows of the table: i - 2, i - 1 and i.
    let mut before: Vec<usize> = (0..=b.len()).collect();
    let mut previous = before.clone();
    let mut row = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(previous[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        core::mem::swap(&mut before, &mut previous);
        core::mem::swap(&mut previous, &mut row);
    }
    previous[b.len()]
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
        assert_eq!(
            closest_first(["f64", "f32", "f16"].into_iter(), "f23"),
            ["f32", "f64", "f16"]
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("weight", "wieght"), 1);
        assert_eq!(edit_distance("ca", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
