#include <stdio.h>
#include <mysql.h>
int main(void) { printf("client %s\n", mysql_get_client_info()); return 0; }
