//! placeholder until the verify helper lands
