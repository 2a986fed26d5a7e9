//! Stable sorting by a numeric key, compiled once. Each `sort_by_key` call with its own key is a
//! copy of the standard library's stable sort in the wasm (about 5 KB each, ten of them); here
//! every caller sorts the same `(key, position)` pairs, so one sort serves them all, and the
//! position keeps equal keys in their order, as a stable sort does.

/// The positions of `v`'s items in the order of `key`, equal keys in their original order.
pub(crate) fn order_by<T>(v: &[T], key: impl Fn(&T) -> u128) -> Vec<u32> {
    let mut keyed: Vec<(u128, u32)> = v.iter().enumerate().map(|(i, x)| (key(x), i as u32)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Sorts `v` by `key`, keeping items with equal keys in their order.
pub(crate) fn sort_by<T>(v: &mut [T], key: impl Fn(&T) -> u128) {
    // Most lists are a handful of candidates, sorted many times per text: in place, without
    // allocating, by insertion (stable: an item moves only past greater keys).
    if v.len() <= 16 {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && key(&v[j - 1]) > key(&v[j]) {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut order = order_by(v, key);
    // Item `order[j]` goes to place `j`: follow each cycle of the permutation once, marking
    // the places done.
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// A key of two numbers: by `a`, then by `b`.
pub(crate) fn pair(a: usize, b: usize) -> u128 {
    (a as u128) << 64 | b as u128
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pseudo-random items with many equal keys, against `sort_by_key`.
        let mut x = 12345u64;
        for n in [0usize, 1, 2, 3, 7, 50, 1000] {
            let items: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 60) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |&(k, _)| u128::from(k));
            let mut std = items.clone();
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "{n} items");
        }
    }

    #[test]
    fn a_pair_orders_by_its_first_number_then_its_second() {
        assert!(pair(1, 9) < pair(2, 0));
        assert!(pair(2, 0) < pair(2, 1));
        assert!(pair(usize::MAX, 0) > pair(0, usize::MAX));
    }
}
