// The generated parser's ATN as text: read by the runtime's ATNDeserializer (which also
// verifies it) and by syntax/atn_loader.h, so that a test can hold the two to each other
// without ANTLR's types. Built into infrac_lexer_reference, which only the unit tests link.
#pragma once

#include <cstddef>
#include <string>

namespace infrac::syntax {

struct AtnDump {
  std::string text;   // one line for the ATN, one a state, one a transition, in order
  size_t states = 0;  // how many states, and transitions, it lists
  size_t transitions = 0;
};

// The serialized ATN the generated parser's initialiser handed to load_parser_atn (empty
// if it did not: only that call sets it), read again by the runtime (`runtime`) or by
// load_parser_atn.
AtnDump parser_atn_dump(bool runtime);

// Why the initialiser's input went to the runtime's reader (see atn_loader.h), or ""
// when it did not.
std::string parser_atn_fell_back_to_runtime();

}  // namespace infrac::syntax
