// The generated parser's ATN, read from its serialized form at static initialisation.
//
// The build rewrites the generated InfraParser.cpp (syntax/atn_hook.cmake) so that its
// static initialiser calls load_parser_atn instead of the runtime's ATNDeserializer. The
// result is the same ATN, state for state and transition for transition; what differs is
// the cost. The runtime's reader asks `dynamic_cast` what each state is, several times a
// state (2,928 casts for this grammar, 0.57M instructions, a twelfth of a small build),
// and verifies the result. This one knows each state's type from its serialized code, and
// leaves the verification to a unit test, which holds its ATN to the runtime's, verified,
// one (tests/unit/atn_loader_test.cpp, through syntax/atn_reference.h).
//
// Only what ANTLR's tool writes for a parser grammar at the current serialization version
// and UUID is read here; anything else (a lexer's ATN, another version) and any input that
// ends early goes to the runtime's reader unchanged.
#pragma once

#include <cstdint>
#include <vector>

#include "antlr4-runtime.h"

namespace infrac::syntax {

antlr4::atn::ATN load_parser_atn(const std::vector<uint16_t>& serialized);

// What load_parser_atn was last given (the generated parser's own serialized ATN, which
// lives as long as the program), or an empty list before it ran: for the unit test.
const std::vector<uint16_t>& loaded_parser_atn_source();
// Why that input went to the runtime's reader, or null when it did not.
const char* parser_atn_fell_back();

}  // namespace infrac::syntax
