//! Word lists shared by recognizers (hard negatives and cues).
