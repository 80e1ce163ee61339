#include "syntax/atn_loader.h"

#include <cstddef>
#include <utility>

namespace infrac::syntax {

namespace {

using antlr4::atn::ATN;
using antlr4::atn::ATNState;
using antlr4::atn::Transition;

// Constant-initialised, so it is set before any dynamic initialiser can run.
const std::vector<uint16_t>* g_source = nullptr;
const char* g_fell_back = nullptr;  // why, when it did

// Thrown where this reader stops: the runtime's reads the input instead.
struct NotRead {
  const char* why;
};

// The serialized values after the first are stored two above what they mean.
class Input {
 public:
  explicit Input(const std::vector<uint16_t>& data) : data_(data) {}
  size_t next() {
    if (at_ >= data_.size()) throw NotRead{"it ends early"};
    return static_cast<uint16_t>(data_[at_++] - 2);
  }
  size_t at() const { return at_; }

 private:
  const std::vector<uint16_t>& data_;
  size_t at_ = 1;  // past the version, which is stored as it is
};

bool is_block_start(size_t type) {
  return type == ATNState::BLOCK_START || type == ATNState::PLUS_BLOCK_START ||
         type == ATNState::STAR_BLOCK_START;
}

bool is_decision(size_t type) {
  return is_block_start(type) || type == ATNState::TOKEN_START ||
         type == ATNState::STAR_LOOP_ENTRY || type == ATNState::PLUS_LOOP_BACK;
}

// Reads a count, then that many interval sets; each value is one code unit (`wide`: two,
// low half first).
void read_sets(Input& in, bool wide, std::vector<antlr4::misc::IntervalSet>& sets) {
  auto value = [&]() -> ssize_t {
    if (!wide) return static_cast<ssize_t>(in.next());
    size_t low = in.next();
    return static_cast<ssize_t>(low | (in.next() << 16));
  };
  size_t count = in.next();
  for (size_t i = 0; i < count; ++i) {
    antlr4::misc::IntervalSet set;
    size_t intervals = in.next();
    if (in.next() != 0) set.add(-1);  // the set holds EOF
    for (size_t j = 0; j < intervals; ++j) {
      ssize_t a = value();
      ssize_t b = value();
      set.add(a, b);
    }
    sets.push_back(std::move(set));
  }
}

ATN read(const std::vector<uint16_t>& data) {
  using namespace antlr4::atn;
  if (data.empty() || data[0] != ATNDeserializer::SERIALIZED_VERSION)
    throw NotRead{"another serialization version"};
  Input in(data);
  unsigned short uuid[8];
  for (unsigned short& u : uuid) u = static_cast<unsigned short>(in.next());
  if (!(ATNDeserializer::toUUID(uuid, 0) == ATNDeserializer::SERIALIZED_UUID()))
    throw NotRead{"another serialization UUID"};  // an older layout: the runtime knows it

  auto grammar = static_cast<ATNType>(in.next());
  if (grammar != ATNType::PARSER) throw NotRead{"not a parser's ATN"};
  ATN atn(grammar, in.next());

  // States, with the serialized type of each beside it.
  size_t nstates = in.next();
  std::vector<uint8_t> type(nstates, ATNState::ATN_INVALID_TYPE);
  std::vector<std::pair<LoopEndState*, size_t>> loop_backs;
  std::vector<std::pair<BlockStartState*, size_t>> block_ends;
  atn.states.reserve(nstates);
  for (size_t i = 0; i < nstates; ++i) {
    size_t stype = in.next();
    if (stype == ATNState::ATN_INVALID_TYPE) {
      atn.states.push_back(nullptr);
      continue;
    }
    if (stype > ATNState::LOOP_END) throw NotRead{"an unknown state type"};
    type[i] = static_cast<uint8_t>(stype);
    size_t rule = in.next();
    if (rule == 0xFFFF) rule = INVALID_INDEX;
    ATNState* s = ATNDeserializer::stateFactory(stype, rule);
    if (stype == ATNState::LOOP_END)
      loop_backs.emplace_back(static_cast<LoopEndState*>(s), in.next());
    else if (is_block_start(stype))
      block_ends.emplace_back(static_cast<BlockStartState*>(s), in.next());
    s->stateNumber = i;
    atn.states.push_back(s);
  }
  auto state = [&](size_t n, bool (*ok)(size_t)) -> ATNState* {
    if (n >= nstates || atn.states[n] == nullptr || !ok(type[n]))
      throw NotRead{"a state number out of range or of the wrong type"};
    return atn.states[n];
  };
  auto any = [](size_t) { return true; };
  for (auto& [end, back] : loop_backs) end->loopBackState = state(back, any);
  for (auto& [start, end] : block_ends)
    start->endState = static_cast<BlockEndState*>(
        state(end, [](size_t t) { return t == ATNState::BLOCK_END; }));

  size_t non_greedy = in.next();
  for (size_t i = 0; i < non_greedy; ++i)
    static_cast<DecisionState*>(state(in.next(), is_decision))->nonGreedy = true;
  auto rule_start = [](size_t t) { return t == ATNState::RULE_START; };
  size_t precedence = in.next();
  for (size_t i = 0; i < precedence; ++i)
    static_cast<RuleStartState*>(state(in.next(), rule_start))->isLeftRecursiveRule = true;

  size_t nrules = in.next();
  atn.ruleToStartState.reserve(nrules);
  for (size_t i = 0; i < nrules; ++i)
    atn.ruleToStartState.push_back(static_cast<RuleStartState*>(state(in.next(), rule_start)));
  atn.ruleToStopState.resize(nrules);
  for (size_t i = 0; i < nstates; ++i) {
    if (type[i] != ATNState::RULE_STOP) continue;
    auto* stop = static_cast<RuleStopState*>(atn.states[i]);
    if (stop->ruleIndex >= nrules) throw NotRead{"a rule stop state of no rule"};
    atn.ruleToStopState[stop->ruleIndex] = stop;
    atn.ruleToStartState[stop->ruleIndex]->stopState = stop;
  }

  size_t modes = in.next();
  for (size_t i = 0; i < modes; ++i)
    atn.modeToStartState.push_back(static_cast<TokensStartState*>(
        state(in.next(), [](size_t t) { return t == ATNState::TOKEN_START; })));

  std::vector<antlr4::misc::IntervalSet> sets;
  read_sets(in, false, sets);
  read_sets(in, true, sets);  // the current UUID carries the 32-bit sets too

  size_t nedges = in.next();
  for (size_t i = 0; i < nedges; ++i) {
    size_t src = in.next(), trg = in.next(), ttype = in.next();
    size_t arg1 = in.next(), arg2 = in.next(), arg3 = in.next();
    state(src, any);
    state(trg, any);
    if ((ttype == Transition::SET || ttype == Transition::NOT_SET) && arg1 >= sets.size())
      throw NotRead{"a set number out of range"};
    if (ttype == Transition::RULE) state(arg1, rule_start);
    atn.states[src]->addTransition(
        ATNDeserializer::edgeFactory(atn, ttype, src, trg, arg1, arg2, arg3, sets));
  }

  // A rule's stop state returns to every state that follows a call of the rule.
  for (size_t i = 0; i < nstates; ++i) {
    ATNState* s = atn.states[i];
    if (s == nullptr) continue;
    for (size_t j = 0; j < s->transitions.size(); ++j) {
      Transition* t = s->transitions[j];
      if (t->getSerializationType() != Transition::RULE) continue;
      auto* call = static_cast<RuleTransition*>(t);
      size_t rule = call->target->ruleIndex;
      if (rule >= nrules || atn.ruleToStopState[rule] == nullptr)
        throw NotRead{"a call of a rule with no stop state"};
      size_t outermost = INVALID_INDEX;
      if (atn.ruleToStartState[rule]->isLeftRecursiveRule && call->precedence == 0)
        outermost = rule;
      atn.ruleToStopState[rule]->addTransition(
          new EpsilonTransition(call->followState, outermost));
    }
  }

  // Blocks know their ends and loops their back edges, both ways.
  for (size_t i = 0; i < nstates; ++i) {
    ATNState* s = atn.states[i];
    if (s == nullptr) continue;
    if (is_block_start(type[i])) {
      auto* start = static_cast<BlockStartState*>(s);
      if (start->endState->startState != nullptr)
        throw NotRead{"a block end shared by two blocks"};
      start->endState->startState = start;
    }
    if (type[i] == ATNState::PLUS_LOOP_BACK) {
      for (Transition* t : s->transitions)
        if (type[t->target->stateNumber] == ATNState::PLUS_BLOCK_START)
          static_cast<PlusBlockStartState*>(t->target)->loopBackState =
              static_cast<PlusLoopbackState*>(s);
    } else if (type[i] == ATNState::STAR_LOOP_BACK) {
      for (Transition* t : s->transitions)
        if (type[t->target->stateNumber] == ATNState::STAR_LOOP_ENTRY)
          static_cast<StarLoopEntryState*>(t->target)->loopBackState =
              static_cast<StarLoopbackState*>(s);
    }
  }

  size_t decisions = in.next();
  atn.decisionToState.reserve(decisions);
  for (size_t i = 0; i < decisions; ++i) {
    auto* d = static_cast<DecisionState*>(state(in.next(), is_decision));
    atn.decisionToState.push_back(d);
    d->decision = static_cast<int>(i);
  }

  // The loop of a left-recursive rule decides on precedence.
  for (size_t i = 0; i < nstates; ++i) {
    if (type[i] != ATNState::STAR_LOOP_ENTRY) continue;
    ATNState* s = atn.states[i];
    if (s->ruleIndex >= nrules || !atn.ruleToStartState[s->ruleIndex]->isLeftRecursiveRule ||
        s->transitions.empty())
      continue;
    ATNState* end = s->transitions.back()->target;
    if (type[end->stateNumber] != ATNState::LOOP_END || !end->epsilonOnlyTransitions ||
        end->transitions.empty())
      continue;
    if (type[end->transitions[0]->target->stateNumber] == ATNState::RULE_STOP)
      static_cast<StarLoopEntryState*>(s)->isPrecedenceDecision = true;
  }
  // A parser's ATN ends with its decisions (a lexer's actions would follow).
  if (in.at() != data.size()) throw NotRead{"data after the decisions"};
  return atn;
}

}  // namespace

antlr4::atn::ATN load_parser_atn(const std::vector<uint16_t>& serialized) {
  g_source = &serialized;
  try {
    return read(serialized);
  } catch (const NotRead& e) {
    g_fell_back = e.why;
    return antlr4::atn::ATNDeserializer().deserialize(serialized);
  }
}

const std::vector<uint16_t>& loaded_parser_atn_source() {
  static const std::vector<uint16_t> none;
  return g_source != nullptr ? *g_source : none;
}

const char* parser_atn_fell_back() { return g_fell_back; }

}  // namespace infrac::syntax
