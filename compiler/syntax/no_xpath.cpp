// The ANTLR runtime's XPath, left out of the infrac executable.
//
// The runtime's Parser.o holds Parser::compileParseTreePattern, whose pattern matcher
// needs ParseTreePattern, which needs XPath, which needs the runtime's own XPathLexer.
// Linking the static runtime thus pulls in XPathLexer.o, and with it a static initialiser
// that deserialises the XPath lexer's ATN in every run: 0.26M instructions, a twentieth
// of a small build. infrac uses neither tree patterns nor XPath.
//
// This file defines XPath's out-of-line members, so that the linker finds them here,
// linked as an object before the runtime's archive is searched, and never takes
// XPath.o, nor XPathLexer.o, from it. Should anything call one of them, it says so and
// aborts: none can do what it is named for. If XPath.o is ever needed for another
// symbol, the link fails on the duplicate definitions rather than running either.
#include <cstdio>
#include <cstdlib>

#include "antlr4-runtime.h"
#include "tree/xpath/XPath.h"
#include "tree/xpath/XPathElement.h"

namespace {

[[noreturn]] void left_out(const char* what) {
  std::fprintf(stderr, "infrac: internal error: ANTLR's %s is not linked into infrac\n", what);
  std::abort();
}

}  // namespace

namespace antlr4::tree::xpath {

XPath::XPath(Parser* parser, const std::string& path) : _path(path), _parser(parser) {
  left_out("XPath");
}

std::vector<std::unique_ptr<XPathElement>> XPath::split(const std::string&) {
  left_out("XPath::split");
}

std::vector<ParseTree*> XPath::findAll(ParseTree*, std::string const&, Parser*) {
  left_out("XPath::findAll");
}

std::vector<ParseTree*> XPath::evaluate(ParseTree*) { left_out("XPath::evaluate"); }

std::unique_ptr<XPathElement> XPath::getXPathElement(Token*, bool) {
  left_out("XPath::getXPathElement");
}

}  // namespace antlr4::tree::xpath
