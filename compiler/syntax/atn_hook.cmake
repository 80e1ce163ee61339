# Run after ANTLR's tool, on the generated InfraParser.cpp: its static initialiser reads
# the parser's ATN with syntax/atn_loader.h instead of the runtime's ATNDeserializer (the
# header says why). Fails the build when the generated text is not the one expected, so
# that a new tool's output is looked at rather than silently left on the slow reader.
#
#   cmake -DFILE=.../InfraParser.cpp -P atn_hook.cmake
if(NOT DEFINED FILE)
  message(FATAL_ERROR "atn_hook.cmake: FILE is not set")
endif()
file(READ "${FILE}" text)
set(call "  atn::ATNDeserializer deserializer;\n  _atn = deserializer.deserialize(_serializedATN);\n")
string(FIND "${text}" "${call}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "atn_hook.cmake: ${FILE} does not read its ATN as expected:\n${call}")
endif()
string(REPLACE "${call}" "  _atn = ::infrac::syntax::load_parser_atn(_serializedATN);\n" text "${text}")
file(WRITE "${FILE}" "#include \"syntax/atn_loader.h\"\n${text}")
