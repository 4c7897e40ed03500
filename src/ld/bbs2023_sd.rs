//! bbs-2023 inputs.
