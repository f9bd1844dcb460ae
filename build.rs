// The templates are embedded with include_dir!; a new or changed template file
// must rebuild the binary.
fn main() {
    println!("cargo:rerun-if-changed=templates");
}
