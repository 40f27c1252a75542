namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// One linear pass over a JavaScript source estimating how deep a recursive-descent parser will recurse; see
/// <see cref="SourceNestingGuard"/> for what is counted. A tokenizer in miniature: it tells regular expression
/// literals from division by whether the previous token ended an operand, and a statement boundary (where chains
/// end) by two operands meeting, as automatic semicolon insertion does.
/// </summary>
internal sealed class SourceNestingScanner
{
    private readonly string _source;
    private readonly Stack<Frame> _frames = new();
    private int _position;
    private int _line = 1;
    private int _chain;
    private int _chainAtStatementEnd;
    private int _unary;
    private int _savedDepth;
    private Previous _previous = Previous.StatementStart;
    private bool _headerKeyword;
    private int _deepest;
    private int _deepestLine = 1;

    private SourceNestingScanner(string source) => _source = source;

    private enum Previous
    {
        StatementStart,
        Operator,
        OperandEnd,
    }

    private enum FrameKind
    {
        Bracket,
        Header,
        Template,
    }

    /// <summary>The deepest nesting found, and the line it was first reached on.</summary>
    public static (int Depth, int Line) FindDeepest(string source)
    {
        var scanner = new SourceNestingScanner(source);
        scanner.Scan();
        return (scanner._deepest, scanner._deepestLine);
    }

    private void Scan()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\n')
            {
                _line++;
                _position++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                SkipUntilLineEnd();
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                Token(c);
            }
        }
    }

    private void Token(char c)
    {
        if (IsWordStart(c))
        {
            Word();
        }
        else if (c is '\'' or '"')
        {
            OperandStart();
            SkipString(c);
            _previous = Previous.OperandEnd;
        }
        else if (c == '`')
        {
            OperandStart();
            _position++;
            ScanTemplateText();
        }
        else if (c == '/' && _previous != Previous.OperandEnd)
        {
            OperandStart();
            SkipRegex();
            _previous = Previous.OperandEnd;
        }
        else if (c == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _position++;
            Word();
        }
        else
        {
            Punctuator(c);
        }
    }

    private void Word()
    {
        var start = _position;
        while (_position < _source.Length && IsWordPart(_source[_position]))
        {
            _position++;
        }

        var word = _source.AsSpan(start, _position - start);
        _headerKeyword = false;
        switch (word)
        {
            case "typeof" or "void" or "delete" or "await" or "new" or "yield":
                _unary++;
                Deeper();
                _previous = Previous.Operator;
                break;
            case "if" or "for" or "while" or "with":
                StatementKeyword();
                _chain++;
                Deeper();
                _headerKeyword = true;
                break;
            case "switch" or "catch":
                StatementKeyword();
                _headerKeyword = true;
                break;
            case "else":
                // 'if (a) x; else' continues the if statement the ';' seemed to end.
                _chain = Math.Max(_chain, _chainAtStatementEnd) + 1;
                Deeper();
                _previous = Previous.StatementStart;
                break;
            case "do":
                _chain++;
                Deeper();
                _previous = Previous.StatementStart;
                break;
            case "case" or "default" when _previous != Previous.Operator:
                _chain = 0;
                _unary = 0;
                _previous = Previous.Operator;
                break;
            case "in" or "of" or "instanceof" when _previous == Previous.OperandEnd:
                _unary = 0;
                _previous = Previous.Operator;
                break;
            case "var" or "let" or "const" or "return" or "throw" or "export" or "import" or "extends" or "break" or "continue":
                StatementKeyword();
                _previous = Previous.Operator;
                break;
            default:
                OperandStart();
                _unary = 0;
                _previous = Previous.OperandEnd;
                break;
        }
    }

    private void StatementKeyword()
    {
        OperandStart();
        _unary = 0;
    }

    /// <summary>Two operands in a row can only be two statements: the chains of the first one are over.</summary>
    private void OperandStart()
    {
        if (_previous == Previous.OperandEnd)
        {
            _chain = 0;
            _unary = 0;
        }
    }

    private void Punctuator(char c)
    {
        var headerKeyword = _headerKeyword;
        _headerKeyword = false;
        switch (c)
        {
            case '(' or '[' or '{':
                Open(headerKeyword && c == '(' ? FrameKind.Header : FrameKind.Bracket);
                _position++;
                return;
            case ')' or ']' or '}':
                _position++;
                Close();
                return;
            case ';' or ',':
                _chainAtStatementEnd = _chain;
                _chain = 0;
                _unary = 0;
                _previous = c == ';' ? Previous.StatementStart : Previous.Operator;
                _position++;
                return;
            default:
                Operator();
                return;
        }
    }

    private void Operator()
    {
        var length = OperatorLength();
        var op = _source.AsSpan(_position, length);
        _position += length;
        var prefix = _previous != Previous.OperandEnd;
        switch (op)
        {
            case "!" or "~" or "...":
            case "+" or "-" or "++" or "--" when prefix:
                _unary++;
                Deeper();
                _previous = Previous.Operator;
                return;
            case "++" or "--":
                return; // postfix: the operand goes on
            case "=>" or "**" or "?" or ":":
                _chain++;
                _unary = 0;
                Deeper();
                _previous = Previous.Operator;
                return;
            default:
                if (op.Length >= 2 && op[^1] == '=' && op is not ("==" or "===" or "!=" or "!==" or "<=" or ">="))
                {
                    _chain++; // compound assignment, right-associative like '='
                    Deeper();
                }
                else if (op is "=")
                {
                    _chain++;
                    Deeper();
                }

                _unary = 0;
                _previous = Previous.Operator;
                return;
        }
    }

    private int OperatorLength()
    {
        ReadOnlySpan<string> operators =
        [
            ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
            "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
            "^=", "**", "<<", ">>",
        ];
        var rest = _source.AsSpan(_position);
        foreach (var op in operators)
        {
            if (rest.StartsWith(op, StringComparison.Ordinal) && !(op == "?." && rest.Length > 2 && char.IsAsciiDigit(rest[2])))
            {
                return op.Length;
            }
        }

        return 1;
    }

    private void Open(FrameKind kind)
    {
        _frames.Push(new Frame(kind, _chain, _unary));
        _savedDepth += _chain + _unary + 1;
        _chain = 0;
        _unary = 0;
        _previous = Previous.Operator;
        Deeper();
    }

    private void Close()
    {
        if (!_frames.TryPop(out var frame))
        {
            _previous = Previous.OperandEnd;
            return;
        }

        _savedDepth -= frame.Chain + frame.Unary + 1;
        _chain = frame.Chain;
        _unary = 0;
        switch (frame.Kind)
        {
            case FrameKind.Template:
                ScanTemplateText();
                break;
            case FrameKind.Header:
                _previous = Previous.StatementStart;
                break;
            default:
                _previous = Previous.OperandEnd;
                break;
        }
    }

    private void Deeper()
    {
        var depth = _savedDepth + _chain + _unary;
        if (depth > _deepest)
        {
            _deepest = depth;
            _deepestLine = _line;
        }
    }

    /// <summary>Template text up to the closing backquote, or up to <c>${</c>, whose expression nests like a bracket.</summary>
    private void ScanTemplateText()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position++];
            if (c == '\\')
            {
                _position++;
            }
            else if (c == '\n')
            {
                _line++;
            }
            else if (c == '`')
            {
                _previous = Previous.OperandEnd;
                return;
            }
            else if (c == '$' && Peek(0) == '{')
            {
                _position++;
                Open(FrameKind.Template);
                return;
            }
        }
    }

    private void SkipString(char quote)
    {
        _position++;
        while (_position < _source.Length)
        {
            var c = _source[_position++];
            if (c == '\\')
            {
                _position++;
            }
            else if (c == quote || c == '\n')
            {
                return;
            }
        }
    }

    private void SkipRegex()
    {
        _position++;
        var inClass = false;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\n')
            {
                return;
            }

            _position++;
            if (c == '\\')
            {
                _position++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                break;
            }
        }

        while (_position < _source.Length && IsWordPart(_source[_position]))
        {
            _position++;
        }
    }

    private void SkipUntilLineEnd()
    {
        while (_position < _source.Length && _source[_position] != '\n')
        {
            _position++;
        }
    }

    private void SkipBlockComment()
    {
        _position += 2;
        while (_position < _source.Length && !(_source[_position] == '*' && Peek(1) == '/'))
        {
            if (_source[_position] == '\n')
            {
                _line++;
            }

            _position++;
        }

        _position += 2;
    }

    private char Peek(int offset) => _position + offset < _source.Length ? _source[_position + offset] : '\0';

    private static bool IsWordStart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '#' or '\\' || c > 0x7F;

    private static bool IsWordPart(char c) => IsWordStart(c);

    private readonly record struct Frame(FrameKind Kind, int Chain, int Unary);
}
