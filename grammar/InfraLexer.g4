// The .infra language: tokens. The parser is in InfraParser.g4.
lexer grammar InfraLexer;

// Made by syntax/heredoc_lexer.h at the line that closes a heredoc; no rule matches it.
tokens { HEREDOC_END }


PARAM       : 'param' ;
LET         : 'let' ;
RESOURCE    : 'resource' ;
OUTPUT      : 'output' ;
IMPORT      : 'import' ;
MODULE      : 'module' ;
ASSERT      : 'assert' ;
FOR         : 'for' ;
IN          : 'in' ;
IF          : 'if' ;
ELSE        : 'else' ;
AS          : 'as' ;
TEMPLATE    : 'template' ;
TRUE_LIT        : 'true' ;
FALSE_LIT       : 'false' ;
NULL_LIT        : 'null' ;

QNAME       : IDENT_F ( '::' IDENT_F )+ ;
IDENT       : IDENT_F ;
NUMBER      : [0-9]+ ( '.' [0-9]+ )? ( [eE] [+-]? [0-9]+ )? ;

// `{` enters a nested default mode and `}` leaves it, so that the `}` that
// closes an interpolation `${ ... }` returns to the string it came from.
LBRACE      : '{' -> pushMode(DEFAULT_MODE) ;
RBRACE      : '}' -> popMode ;
LBRACK      : '[' ;
RBRACK      : ']' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
COMMA       : ',' ;
DOT         : '.' ;
COLON       : ':' ;
AT          : '@' ;
EQ          : '==' ;
NE          : '!=' ;
LE          : '<=' ;
GE          : '>=' ;
LT          : '<' ;
GT          : '>' ;
AND         : '&&' ;
OR          : '||' ;
ARROW       : '=>' ;
ASSIGN      : '=' ;
BANG        : '!' ;
QUESTION    : '?' ;
PLUS        : '+' ;
MINUS       : '-' ;
STAR        : '*' ;
SLASH       : '/' ;
PERCENT     : '%' ;

STR_START   : '"' -> pushMode(STR) ;

// A heredoc: `<<EOT` or `<<-EOT` ending its line starts the text on the next line. The
// line that closes it (only blanks and the marker) is found by syntax/heredoc_lexer.h,
// which knows the marker and makes the HEREDOC_END token; the grammar cannot.
HEREDOC_START : '<<' '-'? IDENT_F [ \t]* '\r'? '\n' -> pushMode(HEREDOC) ;
HEREDOC_BAD : '<<' '-'? IDENT_F? ;

DOC_COMMENT : '///' ~[\r\n]* -> channel(2) ;
LINE_COMMENT: ( '//' | '#' ) ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_COMMENT: '/*' ( ~[*] | '*'+ ~[*/] )* '*'* EOF ;
WS          : [ \t\r\n\f]+ -> skip ;
SINGLE_QUOTED: '\'' ~['\r\n]* '\'' ;
ERROR_CHAR  : . ;

fragment IDENT_F : [a-zA-Z_] [a-zA-Z0-9_]* ;

mode STR;
STR_END     : '"' -> popMode ;
INTERP_OPEN : '${' -> pushMode(DEFAULT_MODE) ;
STR_TEXT    : ( ~["\\$\r\n] | '\\' ~[\r\n] )+ ;
STR_DOLLAR  : '$' -> type(STR_TEXT) ;
STR_NEWLINE : [\r\n] -> popMode ;
STR_BAD_ESCAPE : '\\' ;

mode HEREDOC;
HD_ESCAPED  : '$${' ;
HD_INTERP_OPEN : '${' -> pushMode(DEFAULT_MODE) ;
HD_TEXT     : ~[$\r\n]+ ;
HD_DOLLAR   : '$' -> type(HD_TEXT) ;
HD_CR       : '\r' -> type(HD_TEXT) ;
HD_NEWLINE  : '\r'? '\n' ;
