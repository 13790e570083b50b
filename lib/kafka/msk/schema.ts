// The Kafka event shapes are wire contracts: one definition, in lib/contracts, that the dead-letter
// record (whose payload is such an event) shares.
export { kafkaEventSchema, mskEventSchema, mskRecordSchema, selfManagedKafkaEventSchema } from '../../contracts/index.js';
