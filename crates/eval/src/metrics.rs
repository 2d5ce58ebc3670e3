//! Precision, recall, F1 and per-class tables.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    /// Compare two sets.
    pub fn of_sets<T: Ord + Clone>(gold: &[T], pred: &[T]) -> Prf {
        let g: std::collections::BTreeSet<T> = gold.iter().cloned().collect();
        let p: std::collections::BTreeSet<T> = pred.iter().cloned().collect();
        let tp = g.intersection(&p).count();
        Prf {
            tp,
            fp: p.len() - tp,
            fn_: g.len() - tp,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

impl From<Prf> for Summary {
    fn from(p: Prf) -> Self {
        Summary {
            precision: p.precision(),
            recall: p.recall(),
            f1: p.f1(),
            support: p.tp + p.fn_,
        }
    }
}

/// Per-class scores for single-label classification where the prediction may be missing
/// (a missing prediction is a false negative of the gold class and counts as wrong).
#[derive(Debug, Clone, Default)]
pub struct Classes {
    pub per: BTreeMap<String, Prf>,
    pub correct: usize,
    pub total: usize,
    pub missing: usize,
}

impl Classes {
    pub fn add(&mut self, gold: &str, pred: Option<&str>) {
        self.total += 1;
        match pred {
            Some(p) if p == gold => {
                self.correct += 1;
                self.per.entry(gold.into()).or_default().tp += 1;
            }
            Some(p) => {
                self.per.entry(gold.into()).or_default().fn_ += 1;
                self.per.entry(p.into()).or_default().fp += 1;
            }
            None => {
                self.missing += 1;
                self.per.entry(gold.into()).or_default().fn_ += 1;
            }
        }
    }
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
    /// Macro-F1 over the gold classes (classes never in gold but predicted are not averaged in).
    pub fn macro_f1(&self) -> f64 {
        let gold: Vec<&Prf> = self.per.values().filter(|p| p.tp + p.fn_ > 0).collect();
        if gold.is_empty() {
            0.0
        } else {
            gold.iter().map(|p| p.f1()).sum::<f64>() / gold.len() as f64
        }
    }
    pub fn table(&self) -> String {
        let mut s = format!(
            "  {:<14} {:>9} {:>9} {:>9} {:>8}\n",
            "class", "precision", "recall", "F1", "support"
        );
        for (k, p) in &self.per {
            s += &format!(
                "  {:<14} {:>9.3} {:>9.3} {:>9.3} {:>8}\n",
                k,
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp + p.fn_
            );
        }
        s
    }
    pub fn json(&self) -> serde_json::Value {
        let per: BTreeMap<&String, Summary> = self
            .per
            .iter()
            .map(|(k, v)| (k, Summary::from(*v)))
            .collect();
        serde_json::json!({"accuracy": self.accuracy(), "macro_f1": self.macro_f1(), "total": self.total, "no_event": self.missing, "per_class": per})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_and_classes() {
        let p = Prf::of_sets(&["a", "b"], &["b", "c"]);
        assert_eq!(
            p,
            Prf {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert!((p.f1() - 0.5).abs() < 1e-9);
        let mut c = Classes::default();
        c.add("x", Some("x"));
        c.add("x", None);
        c.add("y", Some("x"));
        assert!((c.accuracy() - 1.0 / 3.0).abs() < 1e-9);
        // x: tp1 fp1 fn1 -> f1 .5 ; y: fn1 -> 0 ; macro .25
        assert!((c.macro_f1() - 0.25).abs() < 1e-9);
    }
}
