/** What to run when a program is missing. Debian/Ubuntu package names: the machines this project targets. */
export const REMEDIES = {
  java: 'install a Java 17+ runtime (apt-get install openjdk-17-jre-headless), or run Kafka in Docker (docker compose up -d)',
  maven:
    'install Maven to fetch the Kafka jars (apt-get install maven), or run Kafka in Docker (docker compose up -d)',
  postgres:
    'install PostgreSQL (apt-get install postgresql, which creates and starts a "main" cluster), or run it in Docker (docker compose up -d)',
  redis: 'install Redis (apt-get install redis-server), or run it in Docker (docker compose up -d)',
} as const;
