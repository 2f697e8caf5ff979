namespace DataContracts.Mapping.Sql;

/// <summary>Statements that write rows: INSERT, MERGE, UPDATE, DELETE, SELECT … INTO, COPY.</summary>
internal sealed partial class SqlStatementScanner
{
    private static readonly HashSet<string> SelectIntoStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "LIMIT", "OPTION",
    };

    private void ReadInsert(int i)
    {
        var j = i + 1;
        if (Tok(j).IsWord("OVERWRITE"))
        {
            j++;
        }

        if (Tok(j).IsWord("ALL") || Tok(j).IsWord("FIRST"))
        {
            ReadMultiTableInsert(i, j + 1);
            return;
        }

        if (Tok(j).IsWord("INTO"))
        {
            j++;
        }

        if (Tok(j).IsWord("TABLE"))
        {
            j++;
        }

        if (Tok(j).IsWord("DIRECTORY") || Tok(j).IsWord("LOCAL"))
        {
            return;
        }

        Add(i, ReadName(ref j), SqlStatementKind.Insert);
    }

    /// <summary>Snowflake <c>INSERT ALL|FIRST … INTO t1 … INTO t2 … SELECT</c>.</summary>
    private void ReadMultiTableInsert(int i, int j)
    {
        var depth = 0;
        for (var k = j; k < tokens.Length && !IsStatementEnd(tokens[k]); k++)
        {
            var t = tokens[k];
            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth--;
            }
            else if (depth == 0 && t.IsWord("INTO"))
            {
                var n = k + 1;
                Add(i, ReadName(ref n), SqlStatementKind.Insert);
            }
            else if (depth == 0 && t.IsWord("SELECT"))
            {
                return;
            }
        }
    }

    private void ReadMerge(int i)
    {
        var j = i + 1;
        if (Tok(j).IsWord("INTO"))
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status != NameStatus.Absent)
        {
            _inMerge = true;
        }

        Add(i, name, SqlStatementKind.Merge);
    }

    private void ReadUpdate(int i)
    {
        var j = i + 1;
        if (Tok(j).IsWord("ONLY"))
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status == NameStatus.Ok)
        {
            // A real UPDATE reaches SET after an optional alias and table hints; "ON UPDATE x" and friends do not.
            var k = j;
            if (Tok(k).IsPunctuation('*'))
            {
                k++;
            }

            if (Tok(k).IsWord("AS"))
            {
                k++;
            }

            if (Tok(k).Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier && !Tok(k).IsWord("SET") && !Tok(k).IsWord("WITH"))
            {
                k++;
            }

            if (Tok(k).IsWord("WITH") && Tok(k + 1).IsPunctuation('('))
            {
                k = SkipParentheses(k + 1);
            }

            if (!Tok(k).IsWord("SET"))
            {
                return;
            }
        }

        Add(i, name, SqlStatementKind.Update);
    }

    private void ReadDelete(int i)
    {
        var j = i + 1;
        if (Tok(j).IsWord("FROM"))
        {
            j++;
        }

        if (Tok(j).IsWord("ONLY"))
        {
            j++;
        }

        var name = ReadName(ref j);
        Add(i, name, SqlStatementKind.Delete);
    }

    private void ReadSelectInto(int i)
    {
        var depth = 0;
        for (var k = i + 1; k < tokens.Length; k++)
        {
            var t = tokens[k];
            if (IsStatementEnd(t))
            {
                return;
            }

            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')'))
            {
                depth--;
            }
            else if (depth == 0 && t.Kind == SqlTokenKind.Word)
            {
                if (SelectIntoStops.Contains(t.Text) || (Verbs.Contains(t.Text) && IsLeading(k)))
                {
                    return;
                }

                if (t.IsWord("INTO"))
                {
                    var j = k + 1;
                    var temporary = false;
                    while (Tok(j).IsWord("TEMP") || Tok(j).IsWord("TEMPORARY") || Tok(j).IsWord("UNLOGGED") || Tok(j).IsWord("TABLE"))
                    {
                        temporary |= Tok(j).IsWord("TEMP") || Tok(j).IsWord("TEMPORARY");
                        j++;
                    }

                    var name = ReadName(ref j);
                    if (temporary && name.Table is not null)
                    {
                        _temporary.Add(name.Table);
                    }
                    else if (name.Status != NameStatus.Variable)
                    {
                        Add(i, name, SqlStatementKind.SelectInto);
                    }

                    return;
                }
            }
        }
    }

    private void ReadCopy(int i)
    {
        var j = i + 1;
        var into = Tok(j).IsWord("INTO");
        if (into)
        {
            j++;
        }

        var name = ReadName(ref j);
        if (name.Status == NameStatus.Ok && !into)
        {
            // PostgreSQL/Redshift COPY t [(cols)] FROM loads t; COPY t TO exports it.
            var k = Tok(j).IsPunctuation('(') ? SkipParentheses(j) : j;
            if (!Tok(k).IsWord("FROM"))
            {
                return;
            }
        }

        Add(i, name, SqlStatementKind.Copy);
    }
}
