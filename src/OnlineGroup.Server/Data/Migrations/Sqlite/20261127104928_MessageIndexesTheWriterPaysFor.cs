using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnlineGroup.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageIndexesTheWriterPaysFor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_AuthorMemberId_SentAt",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_GroupId_Status_SentAt",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_SentAt",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AuthorMemberId",
                table: "Messages",
                column: "AuthorMemberId",
                filter: "\"Severity\" IS NOT NULL OR \"Status\" <> 'published'");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_GroupId_SentAt",
                table: "Messages",
                columns: new[] { "GroupId", "SentAt" },
                filter: "\"Status\" = 'held'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_AuthorMemberId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_GroupId_SentAt",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AuthorMemberId_SentAt",
                table: "Messages",
                columns: new[] { "AuthorMemberId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_GroupId_Status_SentAt",
                table: "Messages",
                columns: new[] { "GroupId", "Status", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SentAt",
                table: "Messages",
                column: "SentAt");
        }
    }
}
