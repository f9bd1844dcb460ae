#!/bin/sh
# Makes files/Cargo.lock.hbs and partials/cargo-lock-root.hbs from the Cargo.lock
# of a project generated from this stack.
#
# Why: a project is built with the versions in the template's Cargo.lock (`cargo
# build --locked`). Cargo sorts the packages of a lock file by name, the project's
# own among them, and rewrites a lock file whose order differs. So the template
# holds the project's package in every gap between two others, each time under the
# condition that the project's name sorts there: exactly one of them is rendered.
#
# To update the dependencies of the stack:
#   backroad new lockgen --stack axum --idea twitter --output /tmp/lockgen --no-git
#   (cd /tmp/lockgen && cargo update)        # or edit Cargo.toml, then cargo update
#   sh templates/stacks/axum/make-cargo-lock.sh /tmp/lockgen
# then check that a project of each idea builds with `cargo build --locked`, and
# update reserved_names in stack.toml from the list this prints: a project named
# like one of its packages would need a different lock file.
set -eu

project=${1:?usage: make-cargo-lock.sh PROJECT_DIR}
here=$(dirname "$0")
root=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$project/Cargo.toml" | head -n 1)

awk -v root="$root" -v lock="$here/files/Cargo.lock.hbs" -v partial="$here/partials/cargo-lock-root.hbs" '
# Splits the lock file into its header and its [[package]] blocks.
/^$/ { next }
/^\[\[package\]\]$/ { n++ }
n == 0 { header = header $0 "\n"; next }
/^name = / { name[n] = substr($0, 9, length($0) - 9) }
{ block[n] = block[n] $0 "\n" }
END {
  print "{{!-- Made by make-cargo-lock.sh (next to files/), which says why and how. --}}" > lock
  printf "%s", header > lock
  previous = ""
  for (i = 1; i <= n; i++) {
    if (name[i] == root) {
      gsub("\"" root "\"", "\"{{project.kebab}}\"", block[i])
      printf "\n%s", block[i] > partial
      continue
    }
    if (name[i] == previous) {
      # No name sorts between two versions of the same package.
    } else if (previous == "") {
      print "{{#if (lt project.kebab \"" name[i] "\")}}" > lock
    } else {
      print "{{#if (and (gt project.kebab \"" previous "\") (lt project.kebab \"" name[i] "\"))}}" > lock
    }
    if (name[i] != previous) {
      print "{{> cargo-lock-root}}" > lock
      print "{{/if}}" > lock
    }
    printf "\n%s", block[i] > lock
    previous = name[i]
  }
  print "{{#if (gt project.kebab \"" previous "\")}}" > lock
  print "{{> cargo-lock-root}}" > lock
  print "{{/if}}" > lock
}' "$project/Cargo.lock"

echo "Wrote $here/files/Cargo.lock.hbs and $here/partials/cargo-lock-root.hbs."
echo "The packages' names, for reserved_names in $here/stack.toml:"
sed -n 's/^name = "\(.*\)"$/\1/p' "$project/Cargo.lock" | grep -vx "$root" | tr '-' '_' | sort -u | tr '\n' ' '
echo
