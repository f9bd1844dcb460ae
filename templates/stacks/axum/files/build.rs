// sqlx::migrate!() copies the files of migrations/ into the binary when it is
// compiled, but Cargo does not know that: this tells it to compile again when a
// migration is added or changed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
