#include "syntax/atn_reference.h"

#include <sstream>

#include "antlr4-runtime.h"
#include "syntax/atn_loader.h"

namespace infrac::syntax {

namespace {

using namespace antlr4::atn;

long number(const ATNState* s) {
  return s == nullptr ? -1 : static_cast<long>(s->stateNumber);
}

void state_line(std::ostringstream& out, ATNState* s) {
  out << "state " << s->stateNumber << " type " << s->getStateType() << " rule "
      << static_cast<long>(s->ruleIndex) << " eps " << s->epsilonOnlyTransitions;
  if (auto* d = dynamic_cast<DecisionState*>(s))
    out << " decision " << d->decision << " nongreedy " << d->nonGreedy;
  if (auto* b = dynamic_cast<BlockStartState*>(s)) out << " end " << number(b->endState);
  if (auto* b = dynamic_cast<BlockEndState*>(s)) out << " start " << number(b->startState);
  if (auto* r = dynamic_cast<RuleStartState*>(s))
    out << " stop " << number(r->stopState) << " leftrec " << r->isLeftRecursiveRule;
  if (auto* p = dynamic_cast<PlusBlockStartState*>(s)) out << " back " << number(p->loopBackState);
  if (auto* e = dynamic_cast<StarLoopEntryState*>(s))
    out << " back " << number(e->loopBackState) << " prec " << e->isPrecedenceDecision;
  if (auto* l = dynamic_cast<LoopEndState*>(s)) out << " back " << number(l->loopBackState);
  out << '\n';
}

void transition_line(std::ostringstream& out, Transition* t) {
  out << "  edge " << t->getSerializationType() << " to " << number(t->target) << " eps "
      << t->isEpsilon();
  antlr4::misc::IntervalSet label = t->label();
  if (!label.isEmpty()) out << " label " << label.toString();
  if (auto* r = dynamic_cast<RuleTransition*>(t))
    out << " rule " << r->ruleIndex << " prec " << r->precedence << " follow "
        << number(r->followState);
  if (auto* e = dynamic_cast<EpsilonTransition*>(t))
    out << " outermost " << static_cast<long>(e->outermostPrecedenceReturn());
  if (auto* p = dynamic_cast<PredicateTransition*>(t))
    out << " pred " << p->ruleIndex << ' ' << p->predIndex << ' ' << p->isCtxDependent;
  if (auto* p = dynamic_cast<PrecedencePredicateTransition*>(t))
    out << " precpred " << p->precedence;
  if (auto* a = dynamic_cast<ActionTransition*>(t))
    out << " action " << a->ruleIndex << ' ' << a->actionIndex << ' ' << a->isCtxDependent;
  out << '\n';
}

AtnDump dump(const ATN& atn) {
  AtnDump d;
  std::ostringstream out;
  out << "atn type " << static_cast<int>(atn.grammarType) << " max " << atn.maxTokenType
      << " rules";
  for (size_t i = 0; i < atn.ruleToStartState.size(); ++i)
    out << ' ' << number(atn.ruleToStartState[i]) << '/' << number(atn.ruleToStopState[i]);
  out << " decisions";
  for (auto* s : atn.decisionToState) out << ' ' << number(s);
  out << " modes " << atn.modeToStartState.size() << '\n';
  for (ATNState* s : atn.states) {
    if (s == nullptr) {
      out << "state none\n";
      continue;
    }
    ++d.states;
    state_line(out, s);
    for (Transition* t : s->transitions) {
      ++d.transitions;
      transition_line(out, t);
    }
  }
  d.text = out.str();
  return d;
}

}  // namespace

AtnDump parser_atn_dump(bool runtime) {
  const auto& serialized = loaded_parser_atn_source();
  if (runtime) return dump(ATNDeserializer().deserialize(serialized));
  return dump(load_parser_atn(serialized));
}

std::string parser_atn_fell_back_to_runtime() {
  const char* why = parser_atn_fell_back();
  return why == nullptr ? "" : why;
}

}  // namespace infrac::syntax
