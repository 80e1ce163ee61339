// The .infra language: syntactic structure only (no actions but the include below). The parse
// tree is turned into the owned AST by compiler/syntax/ast_builder.cpp, which reads each
// context through the labels below (fields the parser sets as it goes, where the runtime's
// accessors would search the children with a dynamic_cast each); past that point nothing
// sees ANTLR types. Tokens are in InfraLexer.g4.
parser grammar InfraParser;

// The parser and its contexts derive from classes of compiler/syntax/parser_base.h,
// which drive the runtime without its per-rule casts and allocations; the header block
// below only includes their declarations.
options { tokenVocab = InfraLexer; superClass = ParserBase; contextSuperClass = ArenaContext; }

@parser::header { #include "syntax/parser_base.h" }

program     : decls+=decl* eof=EOF ;

decl        : annotations+=annotation* db=declBody ;
declBody    : pd=paramDecl | ld=letDecl | rd=resourceDecl | od=outputDecl | id=importDecl | md=moduleDecl
            | ad=assertDecl | fd=forDecl | ifd=ifDecl | td=templateDecl ;

annotation  : AT n=name ( LPAREN ( args+=expr ( COMMA args+=expr )* COMMA? )? RPAREN )? ;

paramDecl   : PARAM n=name COLON t=typeExpr ( ASSIGN v=expr )? ;
letDecl     : LET n=name ASSIGN v=expr ;
resourceDecl: RESOURCE n=name ( LBRACK k=expr RBRACK )? COLON q=QNAME b=body ;
outputDecl  : OUTPUT n=name ASSIGN v=expr ;
importDecl  : IMPORT ( d=dottedName | s=string ) ( AS alias=name )? ;
dottedName  : parts+=name ( DOT parts+=name )* ;
moduleDecl  : MODULE n=name ( LBRACK k=expr RBRACK )? ASSIGN m=name b=body ;
assertDecl  : kw=ASSERT cond=expr COMMA msg=expr ;
forDecl     : FOR names+=name ( COMMA names+=name )? IN iter=expr bl=block ;
// `else if` is a loop here rather than a nested ifDecl, so that a long chain does not
// nest the parser; the AST builder nests the branches.
ifDecl      : ifs+=IF conds+=expr blocks+=block ( ELSE ifs+=IF conds+=expr blocks+=block )* ( ELSE blocks+=block )? ;
block       : LBRACE decls+=decl* close=RBRACE ;
templateDecl: kw=TEMPLATE b=body ;

typeExpr    : q=QNAME
            | n=name ( LT args+=typeExpr ( COMMA args+=typeExpr )* GT )?
            | open=LBRACE ( fields+=fieldType COMMA? )* RBRACE
            ;
fieldType   : n=name opt=QUESTION? COLON t=typeExpr ;

// Entries and fields are separated by optional commas, and a comma may follow the last.
// Written `( entry COMMA? )*` rather than `( entry ( COMMA? entry )* COMMA? )?` (the same
// language) so that the parser decides each step on one token of lookahead instead of
// running ANTLR's adaptive prediction at every entry.
body        : open=LBRACE ( entries+=entry COMMA? )* close=RBRACE ;
entry       : k=key ASSIGN v=expr ;
key         : n=name | s=string ;

// An expression is read flat: its operands and the binary operators between them, in
// order, then an optional conditional. The AST builder groups the operands by the
// operators' precedence, highest first, each level left-associative:
//     *  /  %        +  -        <  <=  >  >=        ==  !=        &&        ||
// and `c ? a : b`, right-associative, binds least of all. (A left-recursive rule would
// have the parser run its adaptive prediction after every operand; this one decides each
// step on one token.) Prefix operators bind tighter than any binary one, and member
// access, indexing and calls tighter still.
expr        : operands+=unary ( ops+=( STAR | SLASH | PERCENT | PLUS | MINUS | LT | LE | GT | GE | EQ | NE | AND | OR )
                                operands+=unary )*
              ( QUESTION yes=expr COLON no=expr )? ;
unary       : pre+=( BANG | MINUS )* p=primary suffixes+=suffix* ;
suffix      : DOT n=name                                           // member access
            | LBRACK idx=expr close=RBRACK                         // indexing
            ;

primary     : NUMBER                                               # numberLit
            | s=string                                             # stringLit
            | TRUE_LIT                                                 # trueLit
            | FALSE_LIT                                                # falseLit
            | NULL_LIT                                                 # nullLit
            // A name, or a call when arguments follow.
            | n=name ( open=LPAREN ( args+=expr ( COMMA args+=expr )* COMMA? )? close=RPAREN )?  # nameRef
            | QNAME                                                # qnameRef
            | h=heredoc                                            # heredocLit
            // A list, or a list comprehension when it starts with a `for` clause.
            | open=LBRACK ( fc=forClause each=expr ( IF cond=expr )? | ( items+=expr ( COMMA items+=expr )* COMMA? )? )
              close=RBRACK                                         # listLit
            // An object, or an object comprehension when it starts with a `for` clause.
            | open=LBRACE ( fc=forClause k=expr ARROW v=expr ( IF cond=expr )? | ( entries+=entry COMMA? )* )
              close=RBRACE                                         # objectLit
            | LPAREN inner=expr RPAREN                             # parenExpr
            ;
// (Each alternative of primary starts with a token of its own, so that the parser picks
// one on that token; only inside `[` and `{` does it look further, for a `for` clause.)

string      : STR_START parts+=stringPart* STR_END ;
stringPart  : t=STR_TEXT                                           # textPart
            | INTERP_OPEN e=expr RBRACE                            # interpPart
            ;

// `for x in xs :` and `for i, x in xs :`, the start of a comprehension.
forClause   : FOR names+=name ( COMMA names+=name )? IN iter=expr COLON ;

heredoc     : marker=HEREDOC_START parts+=heredocPart* HEREDOC_END ;
heredocPart : ( HD_TEXT | HD_ESCAPED | HD_NEWLINE )                # heredocText
            | HD_INTERP_OPEN e=expr RBRACE                         # heredocInterp
            ;

// Keywords are reserved at the start of a declaration only; as names and
// object keys they are ordinary words.
name        : IDENT | PARAM | LET | RESOURCE | OUTPUT | IMPORT | MODULE | ASSERT | FOR | IN | IF | ELSE | AS
            | TEMPLATE ;

