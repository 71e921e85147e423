using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// One INSERT of a <see cref="Message"/>, kept and reused by the message writer: the statement is
/// parsed once, not per batch, and no change tracking is done for rows that are only ever added.
/// Table, columns, parameter types and value converters (SQLite stores times as UTC ticks) all come
/// from the EF model, so it writes exactly what <c>SaveChanges</c> would, on either provider. On SQLite
/// it runs as a <see cref="SqliteStatement"/>, which allocates nothing per execution beyond the values.
/// </summary>
public sealed class MessageInsert : IDisposable
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;
    private readonly SqliteStatement? _sqlite;
    private readonly int[] _sqliteIndexes = [];

    private MessageInsert(DbCommand command, Column[] columns, string[] names)
    {
        _command = command;
        _columns = columns;
        if (columns.All(c => SqliteStatement.CanBind(c.ProviderType)))
        {
            _sqlite = SqliteStatement.TryPrepare(command.Connection!, command.CommandText);
            _sqliteIndexes = _sqlite is null ? [] : [.. names.Select(_sqlite.IndexOf)];
        }
    }

    public static MessageInsert Create(AppDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Message)) ?? throw new InvalidOperationException("Message is not in the model.");
        var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table) ?? throw new InvalidOperationException("Message has no table.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = db.Database.GetDbConnection().CreateCommand();
        var properties = entity.GetProperties().ToArray();
        var columns = new Column[properties.Length];
        var names = properties.Select((_, i) => sql.GenerateParameterName($"p{i}")).ToArray();
        for (var i = 0; i < properties.Length; i++)
        {
            // Named as in the SQL ("@p0"): Microsoft.Data.Sqlite otherwise tries each prefix in turn, a string per try per row.
            var mapping = properties[i].GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, names[i], value: null, nullable: properties[i].IsNullable);
            command.Parameters.Add(parameter);
            columns[i] = new Column(properties[i].GetGetter(), mapping.Converter, parameter, mapping.Converter?.ProviderClrType ?? mapping.ClrType);
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", names)})";
        return new MessageInsert(command, columns, names);
    }

    /// <summary>Inserts <paramref name="message"/> in <paramref name="transaction"/>; a stored duplicate fails on the unique index.</summary>
    public void Execute(DbTransaction? transaction, Message message)
    {
        if (_sqlite is not null)
        {
            // The connection's open transaction is the statement's: SQLite has one per connection.
            for (var i = 0; i < _columns.Length; i++)
            {
                _sqlite.Bind(_sqliteIndexes[i], _columns[i].ValueOf(message));
            }

            _sqlite.Execute();
            return;
        }

        _command.Transaction = transaction;
        foreach (var column in _columns)
        {
            column.Parameter.Value = column.ValueOf(message) ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _sqlite?.Dispose();
        _command.Dispose();
    }

    private sealed record Column(IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter, Type ProviderType)
    {
        public object? ValueOf(Message message) =>
            Getter.GetClrValueUsingContainingEntity(message) is { } value ? Converter is null ? value : Converter.ConvertToProvider(value) : null;
    }
}
