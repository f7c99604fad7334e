// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// libFuzzer target: dyad's HTML tokenizer and tree builder on arbitrary
// bytes. Checks that tokens stay inside their invariants (names lower case,
// views readable), that the tree is well linked (each child's parent is the
// node whose child list holds it, sibling chains end), and that parsing a
// second time gives the same tree. Build: cmake -DDYAD_FUZZ=ON with clang
// (see fuzz/README.md).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "html/html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dyad::html::kNone;
  using dyad::html::NodeId;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Tokens.
  dyad::html::Tokenizer tk(input);
  dyad::html::Token t;
  size_t bytes = 0;
  while (tk.Next(&t)) {
    for (char c : t.name) {
      if (c >= 'A' && c <= 'Z') __builtin_trap();
    }
    for (const auto& a : t.attributes) bytes += a.name.size() + a.value.size();
    bytes += t.text.size();
  }
  (void)bytes;
  // Tree links.
  dyad::html::Tree tree = dyad::html::Parse(input);
  size_t linked = 1;
  for (NodeId id = 0; id < tree.nodes.size(); ++id) {
    size_t children = 0;
    for (NodeId c = tree.node(id).first_child; c != kNone; c = tree.node(c).next_sibling) {
      if (c >= tree.nodes.size() || tree.node(c).parent != id) __builtin_trap();
      if (tree.node(c).next_sibling == kNone && tree.node(id).last_child != c) __builtin_trap();
      if (++children > tree.nodes.size()) __builtin_trap();
    }
    linked += children;
    const dyad::html::Node& n = tree.node(id);
    if (static_cast<size_t>(n.data_begin) + n.data_size > tree.arena.size()) __builtin_trap();
  }
  if (linked != tree.nodes.size()) __builtin_trap();
  // Determinism.
  dyad::html::Tree again = dyad::html::Parse(input);
  if (again.nodes.size() != tree.nodes.size() || again.arena != tree.arena) __builtin_trap();
  return 0;
}
