var app = WebApplication.Create();
app.Run();
