// The .infra language: syntactic structure only (no actions but the include below). The parse tree is
// turned into the owned AST by compiler/syntax/ast_builder.cpp; past that point
// nothing sees ANTLR types. Tokens are in InfraLexer.g4.
parser grammar InfraParser;

// The parser and its contexts derive from classes of compiler/syntax/parser_base.h,
// which drive the runtime without its per-rule casts and allocations; the header block
// below only includes their declarations.
options { tokenVocab = InfraLexer; superClass = ParserBase; contextSuperClass = ArenaContext; }

@parser::header { #include "syntax/parser_base.h" }

program     : decl* EOF ;
exprOnly    : expr EOF ;

decl        : annotation* declBody ;
declBody    : paramDecl | letDecl | resourceDecl | outputDecl | importDecl | moduleDecl
            | assertDecl | forDecl | ifDecl | templateDecl ;

annotation  : AT name ( LPAREN ( expr ( COMMA expr )* COMMA? )? RPAREN )? ;

paramDecl   : PARAM name COLON typeExpr ( ASSIGN expr )? ;
letDecl     : LET name ASSIGN expr ;
resourceDecl: RESOURCE name ( LBRACK expr RBRACK )? COLON QNAME body ;
outputDecl  : OUTPUT name ASSIGN expr ;
importDecl  : IMPORT ( dottedName | string ) ( AS name )? ;
dottedName  : name ( DOT name )* ;
moduleDecl  : MODULE name ( LBRACK expr RBRACK )? ASSIGN name body ;
assertDecl  : ASSERT expr COMMA expr ;
forDecl     : FOR name ( COMMA name )? IN expr block ;
// `else if` is a loop here rather than a nested ifDecl, so that a long chain does not
// nest the parser; the AST builder nests the branches.
ifDecl      : IF expr block ( ELSE IF expr block )* ( ELSE block )? ;
block       : LBRACE decl* RBRACE ;
templateDecl: TEMPLATE body ;

typeExpr    : QNAME
            | name ( LT typeExpr ( COMMA typeExpr )* GT )?
            | LBRACE ( fieldType COMMA? )* RBRACE
            ;
fieldType   : name QUESTION? COLON typeExpr ;

// Entries and fields are separated by optional commas, and a comma may follow the last.
// Written `( entry COMMA? )*` rather than `( entry ( COMMA? entry )* COMMA? )?` (the same
// language) so that the parser decides each step on one token of lookahead instead of
// running ANTLR's adaptive prediction at every entry.
body        : LBRACE ( entry COMMA? )* RBRACE ;
entry       : key ASSIGN expr ;
key         : name | string ;

expr        : primary                                              # primaryExpr
            | expr DOT name                                        # memberExpr
            | expr LBRACK expr RBRACK                              # indexExpr
            | name LPAREN ( expr ( COMMA expr )* COMMA? )? RPAREN  # callExpr
            | op=( BANG | MINUS ) expr                             # unaryExpr
            | expr op=( STAR | SLASH | PERCENT ) expr              # binaryExpr
            | expr op=( PLUS | MINUS ) expr                        # binaryExpr
            | expr op=( LT | LE | GT | GE ) expr                   # binaryExpr
            | expr op=( EQ | NE ) expr                             # binaryExpr
            | expr op=AND expr                                     # binaryExpr
            | expr op=OR expr                                      # binaryExpr
            | <assoc=right> expr QUESTION expr COLON expr          # condExpr
            ;

primary     : NUMBER                                               # numberLit
            | string                                               # stringLit
            | TRUE_LIT                                                 # trueLit
            | FALSE_LIT                                                # falseLit
            | NULL_LIT                                                 # nullLit
            | name                                                 # nameRef
            | QNAME                                                # qnameRef
            | heredoc                                              # heredocLit
            | LBRACK forClause expr ( IF expr )? RBRACK           # listFor
            | LBRACE forClause expr ARROW expr ( IF expr )? RBRACE # objectFor
            | LBRACK ( expr ( COMMA expr )* COMMA? )? RBRACK       # listLit
            | body                                                 # objectLit
            | LPAREN expr RPAREN                                   # parenExpr
            ;

string      : STR_START stringPart* STR_END ;
stringPart  : STR_TEXT                                             # textPart
            | INTERP_OPEN expr RBRACE                              # interpPart
            ;

// `for x in xs :` and `for i, x in xs :`, the start of a comprehension.
forClause   : FOR name ( COMMA name )? IN expr COLON ;

heredoc     : HEREDOC_START heredocPart* HEREDOC_END ;
heredocPart : ( HD_TEXT | HD_ESCAPED | HD_NEWLINE )                # heredocText
            | HD_INTERP_OPEN expr RBRACE                           # heredocInterp
            ;

// Keywords are reserved at the start of a declaration only; as names and
// object keys they are ordinary words.
name        : IDENT | PARAM | LET | RESOURCE | OUTPUT | IMPORT | MODULE | ASSERT | FOR | IN | IF | ELSE | AS
            | TEMPLATE ;

